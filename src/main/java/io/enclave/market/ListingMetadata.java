package io.enclave.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enclave.credentials.json.CanonicalJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The public description of a listing, published on IPFS as canonical JSON; its sha2-256 digest goes on chain in
 * {@code ListingCreated.metadataDigest}, so anyone holding the listing can fetch it by CID and check it. It reveals no
 * attribute value: only what is proven (schema and predicate), by whom (issuer) and where the encrypted package is.
 *
 * @param packageCid the CID of the encrypted package; its digest equals the registry's anchored content digest
 * @param tags search words the seller chose (at most {@value #MAX_TAGS}, lower case, {@link #tags(List)}); a document
 *     without tags has no "tags" member, so documents published before tags existed keep their bytes and digest
 */
public record ListingMetadata(String title, String description, String schemaId, String predicate, String circuitId,
                              String issuer, String credentialHash, String packageCid, String seller, List<String> tags) {
    /** At most this many tags, each 1 to {@value #MAX_TAG_LENGTH} characters. */
    public static final int MAX_TAGS = 8;
    public static final int MAX_TAG_LENGTH = 32;
    public static final String TYPE = "EnclaveListingMetadata";
    /** Metadata is a small document; a raw-leaf CID (≤ 256 KiB) lets its digest name it. */
    public static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    public ListingMetadata {
        if (title == null || title.isBlank() || title.length() > 200) {
            throw new IllegalArgumentException("A listing needs a title of 1 to 200 characters.");
        }
        description = description == null ? "" : description;
        if (description.length() > 4000) {
            throw new IllegalArgumentException("The description is longer than 4,000 characters.");
        }
        seller = seller.toLowerCase(Locale.ROOT);
        issuer = issuer.toLowerCase(Locale.ROOT);
        tags = tags(tags);
    }

    /** A listing without tags. */
    public ListingMetadata(String title, String description, String schemaId, String predicate, String circuitId,
                           String issuer, String credentialHash, String packageCid, String seller) {
        this(title, description, schemaId, predicate, circuitId, issuer, credentialHash, packageCid, seller, List.of());
    }

    /**
     * Tags as they are published: trimmed, lower case, duplicates and blanks dropped, in the seller's order; letters,
     * digits, spaces, '-' and '_' only. Too many or too long tags are refused with a readable reason.
     */
    public static List<String> tags(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String t : raw) {
            String tag = t == null ? "" : t.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.length() > MAX_TAG_LENGTH) {
                throw new IllegalArgumentException("The tag '" + tag + "' is longer than " + MAX_TAG_LENGTH + " characters.");
            }
            if (!tag.matches("[\\p{L}\\p{N} _-]+")) {
                throw new IllegalArgumentException("The tag '" + tag + "' may hold only letters, digits, spaces, '-' and '_'.");
            }
            out.add(tag);
        }
        if (out.size() > MAX_TAGS) {
            throw new IllegalArgumentException("A listing takes at most " + MAX_TAGS + " tags (" + out.size() + " given).");
        }
        return List.copyOf(out);
    }

    /** The canonical bytes that are uploaded and hashed. */
    public byte[] canonicalBytes() {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", TYPE);
        o.put("version", 1);
        o.put("title", title);
        o.put("description", description);
        o.put("schema", schemaId);
        o.put("predicate", predicate);
        o.put("circuit", circuitId);
        o.put("issuer", issuer);
        o.put("credentialHash", credentialHash);
        o.put("package", packageCid);
        o.put("seller", seller);
        if (!tags.isEmpty()) {
            tags.forEach(o.putArray("tags")::add);
        }
        byte[] bytes = CanonicalJson.canonicalize(o);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("The listing metadata is larger than " + MAX_BYTES + " bytes.");
        }
        return bytes;
    }

    /** Parses a document fetched by CID (whose bytes were already checked against the CID). */
    public static ListingMetadata parse(byte[] bytes) {
        try {
            JsonNode o = JSON.readTree(bytes);
            if (o == null || !TYPE.equals(o.path("type").asText())) {
                throw new MarketException("The listing metadata is not an " + TYPE + " document.");
            }
            return new ListingMetadata(text(o, "title"), o.path("description").asText(""), text(o, "schema"),
                    text(o, "predicate"), text(o, "circuit"), text(o, "issuer"), text(o, "credentialHash"),
                    text(o, "package"), text(o, "seller"), tagsOf(o));
        } catch (IOException | IllegalArgumentException e) {
            throw new MarketException("The listing metadata cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<String> tagsOf(JsonNode o) {
        JsonNode n = o.get("tags");
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new MarketException("The listing metadata's 'tags' is not a list.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : n) {
            if (!t.isTextual()) {
                throw new MarketException("The listing metadata has a tag that is not text.");
            }
            out.add(t.asText());
        }
        return out;
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new MarketException("The listing metadata has no '" + field + "'.");
        }
        return n.asText();
    }
}
