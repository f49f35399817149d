package io.enclave.discovery.indexer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns decoded events into rows. Table-driven: {@link #HANDLERS} maps each event name of {@link EventMappings} to the
 * statement it feeds. Statements run as JDBC batches in a fixed order (creations before updates), and each batch keeps
 * event order, so a batch of events lands exactly as if applied one by one.
 */
final class Projector {
    static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The statements, in execution order. */
    enum Sql {
        LISTING_INSERT("INSERT INTO listings (listing_id, seller, credential_hash, price_wei, metadata_digest, created_block,"
                + " created_tx, created_at, updated_block) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        PURCHASE_INSERT("INSERT INTO purchases (purchase_id, listing_id, buyer, seller, price_wei, tx_hash, block_number,"
                + " created_at, updated_block) VALUES (?, ?, ?, COALESCE((SELECT seller FROM listings WHERE listing_id = ?), '"
                + ZERO_ADDRESS + "'), ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        VOUCH_INSERT("INSERT INTO vouches (tx_hash, log_index, voucher, subject, amount_wei, block_number, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        SLASH_INSERT("INSERT INTO slashing_events (tx_hash, log_index, subject, amount_wei, block_number, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        DISPUTE_INSERT("INSERT INTO disputes (tx_hash, log_index, purchase_id, evidence_digest, block_number, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        SCHEMA_INSERT("INSERT INTO credential_schemas (schema_id, type_name, registered_by, block_number, tx_hash, log_index)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        ISSUER_UPSERT("INSERT INTO issuers (address, name, is_active, block_number, tx_hash, log_index) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (address) DO UPDATE SET is_active = EXCLUDED.is_active,"
                + " name = CASE WHEN EXCLUDED.is_active THEN EXCLUDED.name ELSE issuers.name END,"
                + " block_number = EXCLUDED.block_number, tx_hash = EXCLUDED.tx_hash, log_index = EXCLUDED.log_index"),
        LISTING_PRICE("UPDATE listings SET price_wei = ?, updated_block = ? WHERE listing_id = ?"),
        LISTING_REMOVE("UPDATE listings SET status = 'removed', updated_block = ? WHERE listing_id = ?"),
        LISTING_SOLD("UPDATE listings SET purchase_count = purchase_count + 1 WHERE listing_id = ?"),
        PURCHASE_STATUS("UPDATE purchases SET status = ?, updated_block = ? WHERE purchase_id = ?");

        final String sql;

        Sql(String sql) {
            this.sql = sql;
        }
    }

    /** Binds one event into the batches it feeds and names the wallets it touches. */
    @FunctionalInterface
    interface Handler {
        void bind(EventAt e, Batches b, Set<String> touched) throws SQLException;
    }

    static final Map<String, Handler> HANDLERS = Map.ofEntries(
            Map.entry("ListingCreated", (e, b, t) -> {
                DecodedEvent d = e.event();
                b.add(Sql.LISTING_INSERT, num(d.uint("listingId")), d.text("seller"), d.text("credentialHash"),
                        num(d.uint("price")), d.text("metadataDigest"), d.log().blockNumber(), d.log().txHash(),
                        ts(e), d.log().blockNumber());
                t.add(d.text("seller"));
            }),
            Map.entry("PriceUpdated", (e, b, t) -> b.add(Sql.LISTING_PRICE, num(e.event().uint("price")),
                    e.event().log().blockNumber(), num(e.event().uint("listingId")))),
            Map.entry("ListingRemoved", (e, b, t) -> b.add(Sql.LISTING_REMOVE, e.event().log().blockNumber(),
                    num(e.event().uint("listingId")))),
            Map.entry("CredentialPurchased", (e, b, t) -> {
                DecodedEvent d = e.event();
                BigDecimal listing = num(d.uint("listingId"));
                b.add(Sql.PURCHASE_INSERT, num(d.uint("purchaseId")), listing, d.text("buyer"), listing,
                        num(d.uint("price")), d.log().txHash(), d.log().blockNumber(), ts(e), d.log().blockNumber());
                b.add(Sql.LISTING_SOLD, listing);
                b.purchases.add(num(d.uint("purchaseId")));
                t.add(d.text("buyer"));
            }),
            Map.entry("KeyDelivered", (e, b, t) -> status(e, b, "delivered")),
            Map.entry("Refunded", (e, b, t) -> status(e, b, "refunded")),
            Map.entry("DisputeOpened", (e, b, t) -> {
                DecodedEvent d = e.event();
                b.add(Sql.DISPUTE_INSERT, d.log().txHash(), d.log().logIndex(), num(d.uint("purchaseId")),
                        d.text("evidenceDigest"), d.log().blockNumber(), ts(e));
                status(e, b, "disputed");
            }),
            Map.entry("Vouched", (e, b, t) -> {
                DecodedEvent d = e.event();
                b.add(Sql.VOUCH_INSERT, d.log().txHash(), d.log().logIndex(), d.text("voucher"), d.text("subject"),
                        num(d.uint("amount")), d.log().blockNumber(), ts(e));
                t.add(d.text("voucher"));
                t.add(d.text("subject"));
            }),
            Map.entry("Slashed", (e, b, t) -> {
                DecodedEvent d = e.event();
                b.add(Sql.SLASH_INSERT, d.log().txHash(), d.log().logIndex(), d.text("subject"), num(d.uint("amount")),
                        d.log().blockNumber(), ts(e));
                t.add(d.text("subject"));
            }),
            Map.entry("IssuerRegistered", (e, b, t) -> issuer(e, b, e.event().text("name"), true)),
            Map.entry("IssuerRevoked", (e, b, t) -> issuer(e, b, "", false)),
            Map.entry("SchemaRegistered", (e, b, t) -> {
                DecodedEvent d = e.event();
                b.add(Sql.SCHEMA_INSERT, d.text("schemaId"), clip(d.text("typeName"), 50), d.text("registeredBy"),
                        d.log().blockNumber(), d.log().txHash(), d.log().logIndex());
            }));

    private Projector() {
    }

    private static void status(EventAt e, Batches b, String status) throws SQLException {
        BigDecimal purchase = num(e.event().uint("purchaseId"));
        b.add(Sql.PURCHASE_STATUS, status, e.event().log().blockNumber(), purchase);
        b.purchases.add(purchase);
    }

    private static void issuer(EventAt e, Batches b, String name, boolean active) throws SQLException {
        DecodedEvent d = e.event();
        b.add(Sql.ISSUER_UPSERT, d.text("issuer"), clip(name, 100), active, d.log().blockNumber(), d.log().txHash(),
                d.log().logIndex());
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static BigDecimal num(BigInteger v) {
        return new BigDecimal(v);
    }

    private static Timestamp ts(EventAt e) {
        return Timestamp.from(e.time());
    }

    /** What a batch changed: the events that were new, and the wallets whose figures must be refreshed. */
    record Applied(List<EventAt> fresh, Set<String> touched) {
    }

    /** Records the events in chain_events (ignoring ones already there) and projects only the new ones. */
    static Applied recordAndProject(Connection c, List<EventAt> events) throws SQLException {
        List<EventAt> fresh = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO chain_events (tx_hash, log_index, block_number, block_hash,"
                + " block_time, contract, event_name, listing_id, purchase_id, args) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
                + " ON CONFLICT DO NOTHING")) {
            for (EventAt e : events) {
                DecodedEvent d = e.event();
                RawLog l = d.log();
                ps.setString(1, l.txHash());
                ps.setInt(2, l.logIndex());
                ps.setLong(3, l.blockNumber());
                ps.setString(4, l.blockHash());
                ps.setTimestamp(5, ts(e));
                ps.setString(6, l.address());
                ps.setString(7, d.name());
                ps.setBigDecimal(8, optional(d.uintOrNull("listingId")));
                ps.setBigDecimal(9, optional(d.uintOrNull("purchaseId")));
                ps.setString(10, json(d.args()));
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 0) {
                    fresh.add(events.get(i));
                }
            }
        }
        return new Applied(fresh, project(c, fresh));
    }

    /** Applies events (in chain order) to the projection tables. */
    static Set<String> project(Connection c, List<EventAt> events) throws SQLException {
        Set<String> touched = new HashSet<>();
        try (Batches b = new Batches(c)) {
            for (EventAt e : events) {
                Handler h = HANDLERS.get(e.event().name());
                if (h == null) {
                    throw new IllegalStateException("No projection for event " + e.event().name()
                            + " (add it to Projector.HANDLERS)");
                }
                h.bind(e, b, touched);
            }
            b.execute();
            if (!b.purchases.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT DISTINCT seller FROM purchases WHERE purchase_id = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("numeric", b.purchases.toArray()));
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            touched.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        touched.remove(ZERO_ADDRESS);
        return touched;
    }

    private static BigDecimal optional(BigInteger v) {
        return v == null ? null : new BigDecimal(v);
    }

    static String json(Map<String, String> args) {
        try {
            return JSON.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One prepared statement per {@link Sql}, created on first use and executed in enum order. */
    static final class Batches implements AutoCloseable {
        private final Connection c;
        private final Map<Sql, PreparedStatement> open = new LinkedHashMap<>();
        final Set<BigDecimal> purchases = new HashSet<>();

        Batches(Connection c) {
            this.c = c;
        }

        void add(Sql sql, Object... values) throws SQLException {
            PreparedStatement ps = open.get(sql);
            if (ps == null) {
                ps = c.prepareStatement(sql.sql);
                open.put(sql, ps);
            }
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.addBatch();
        }

        void execute() throws SQLException {
            for (Sql sql : Sql.values()) {
                Statement s = open.get(sql);
                if (s != null) {
                    s.executeBatch();
                }
            }
        }

        @Override
        public void close() throws SQLException {
            for (Statement s : open.values()) {
                s.close();
            }
        }
    }
}
