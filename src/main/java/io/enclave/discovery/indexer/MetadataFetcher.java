package io.enclave.discovery.indexer;

import io.enclave.discovery.db.ChangeNotice;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.discovery.api.Cid;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a listing's title, description, tags, type and issuer from its metadata document on IPFS, separately from the
 * chain cursor. The document must hash (sha-256) to the on-chain digest; a source that serves other bytes is ignored
 * and retried. Unreachable documents are retried with exponential back-off (30 s doubling to 6 h); a document that
 * verifies but is not valid metadata is marked {@code invalid} for good.
 */
public final class MetadataFetcher {
    static final int MAX_DOCUMENT = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(MetadataFetcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource db;
    private final BlobSource source;
    private final Runnable onCommit;

    public MetadataFetcher(DataSource db, BlobSource source) {
        this(db, source, () -> { });
    }

    /** {@code onCommit} runs after each committed change a reader can see (a response cache's invalidation). */
    public MetadataFetcher(DataSource db, BlobSource source, Runnable onCommit) {
        this.db = db;
        this.source = source;
        this.onCommit = onCommit;
    }

    private record Due(java.math.BigDecimal id, String digest, int attempts) {
    }

    /** The parsed, validated fields of a metadata document. */
    record Metadata(String title, String description, List<String> tags, String type, String issuer) {
    }

    /** Fetches up to {@code max} due documents; returns how many listings were resolved (verified or invalid). */
    public int runOnce(int max) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT listing_id, metadata_digest,"
                + " metadata_attempts FROM listings WHERE metadata_status = 'pending' AND metadata_next_try <= now()"
                + " ORDER BY metadata_next_try LIMIT ?")) {
            ps.setInt(1, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getBigDecimal(1), rs.getString(2), rs.getInt(3)));
                }
            }
        }
        int resolved = 0;
        for (Due d : due) {
            String cid = Cid.rawSha256(d.digest());
            byte[] doc;
            try {
                doc = source.fetch(cid, MAX_DOCUMENT);
                if (!sha256Hex(doc).equals(d.digest())) {
                    throw new IOException("the source served bytes that do not match the digest");
                }
            } catch (IOException e) {
                retryLater(d, e.getMessage());
                continue;
            }
            try {
                store(d, parse(doc));
            } catch (IllegalArgumentException e) {
                markInvalid(d, e.getMessage());
            } finally {
                onCommit.run();
            }
            resolved++;
        }
        return resolved;
    }

    static String sha256Hex(byte[] data) {
        try {
            return "0x" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses {@code {"title","description","tags":[..],"type","issuer"}}; anything malformed is IllegalArgument. */
    static Metadata parse(byte[] doc) {
        JsonNode n;
        try {
            n = JSON.readTree(doc);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String title = string(n, "title", 200, true);
        String description = string(n, "description", 5000, false);
        List<String> tags = new ArrayList<>();
        JsonNode t = n.get("tags");
        if (t != null && !t.isNull()) {
            if (!t.isArray() || t.size() > 20) {
                throw new IllegalArgumentException("tags must be an array of at most 20 strings");
            }
            for (JsonNode tag : t) {
                if (!tag.isTextual() || tag.asText().isBlank() || tag.asText().length() > 40) {
                    throw new IllegalArgumentException("each tag must be a string of 1-40 characters");
                }
                tags.add(tag.asText().strip());
            }
        }
        String type = string(n, "type", 50, false);
        String schema = n.path("schema").asText("");
        if ("EnclaveListingMetadata".equals(type) && schema.matches("urn:enclave:schema:[a-z]{1,40}:[0-9]{1,6}")) {
            // the wallet's metadata document names itself in "type": the credential type is the schema's
            type = schema.split(":")[3];
        }
        if (type != null && !type.matches("[A-Za-z0-9_.-]{1,50}")) {
            throw new IllegalArgumentException("type must be letters, digits, '_', '.' or '-'");
        }
        String issuer = string(n, "issuer", 42, false);
        if (issuer != null && !issuer.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("issuer must be a 0x address");
        }
        return new Metadata(title, description, tags, type == null ? null : type.toLowerCase(Locale.ROOT),
                issuer == null ? null : issuer.toLowerCase(Locale.ROOT));
    }

    private static String string(JsonNode n, String field, int max, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + " is missing");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().length() > max || v.asText().indexOf('\0') >= 0) {
            throw new IllegalArgumentException(field + " must be a string of at most " + max + " characters");
        }
        return v.asText();
    }

    private void store(Due d, Metadata m) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE listings SET title = ?,"
                + " description = ?, tags = ?, tags_text = ?, credential_type = ?, issuer = COALESCE(issuer, ?),"
                + " metadata_status = 'verified',"
                + " metadata_error = NULL WHERE listing_id = ? AND metadata_digest = ? AND metadata_status = 'pending'")) {
            ps.setString(1, m.title());
            ps.setString(2, m.description());
            ps.setArray(3, c.createArrayOf("text", m.tags().toArray()));
            ps.setString(4, String.join(" ", m.tags()));
            ps.setString(5, m.type());
            ps.setString(6, m.issuer());
            ps.setBigDecimal(7, d.id());
            ps.setString(8, d.digest());
            c.setAutoCommit(false);
            ps.executeUpdate();
            ChangeNotice.sendTitled(c, d.id());
            c.commit();
        }
    }

    private void markInvalid(Due d, String why) throws SQLException {
        LOG.info("Metadata of listing {} is invalid: {}", d.id(), why);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE listings SET"
                + " metadata_status = 'invalid', metadata_error = ? WHERE listing_id = ? AND metadata_digest = ?")) {
            ps.setString(1, clip(why));
            ps.setBigDecimal(2, d.id());
            ps.setString(3, d.digest());
            c.setAutoCommit(false);
            ps.executeUpdate();
            ChangeNotice.send(c);
            c.commit();
        }
    }

    private void retryLater(Due d, String why) throws SQLException {
        long delay = Math.min(6 * 3600, 30L << Math.min(d.attempts(), 10));
        update("UPDATE listings SET metadata_attempts = metadata_attempts + 1, metadata_error = ?,"
                + " metadata_next_try = now() + make_interval(secs => ?) WHERE listing_id = ? AND metadata_digest = ?",
                clip(why), (double) delay, d.id(), d.digest());
    }

    private static String clip(String why) {
        return Projector.clip(why == null ? "unknown error" : why, 300);
    }

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
