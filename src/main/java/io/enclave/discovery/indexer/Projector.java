package io.enclave.discovery.indexer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
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

    /** The statements, in execution order. Each entity has one update statement, so its updates keep event order. */
    enum Sql {
        CREDENTIAL_INSERT("INSERT INTO credentials (credential_hash, holder, issuer, schema_id, content_digest, arweave_tx,"
                + " anchored_block, anchored_tx, updated_block) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        CREDENTIAL_REVOKE("UPDATE credentials SET status = 'revoked', revoked_by = ?, updated_block = ?"
                + " WHERE credential_hash = ?"),
        VERIFICATION_INSERT("INSERT INTO credential_verifications (tx_hash, log_index, credential_hash, circuit_id, prover,"
                + " block_number, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        // The two inserts with a look-up per row read their rows from a staging table filled by binary COPY: as JDBC
        // batches the driver cannot rewrite them into multi-row INSERTs, and a backfill spent ~1 ms per listing in round
        // trips (then arrays through unnest; COPY spares the text encoding and parsing of every value).
        LISTING_INSERT("listing_rows (id numeric, seller varchar, ch varchar, price numeric, md varchar, kc varchar, b int8,"
                + " tx varchar, at timestamptz)", "INSERT INTO listings (listing_id, seller, credential_hash, price_wei,"
                + " metadata_digest, key_commitment, issuer, created_block, created_tx, created_at, updated_block,"
                + " seller_reputation) SELECT u.id, u.seller, u.ch, u.price, u.md, u.kc,"
                + " (SELECT issuer FROM credentials c WHERE c.credential_hash = u.ch), u.b, u.tx, u.at, u.b,"
                + " COALESCE((SELECT reputation FROM accounts a WHERE a.address = u.seller), 0)"
                + " FROM listing_rows AS u ON CONFLICT DO NOTHING"),
        PURCHASE_INSERT("purchase_rows (id numeric, listing numeric, buyer varchar, price numeric, pk varchar, by int8,"
                + " tx varchar, b int8, at timestamptz)", "INSERT INTO purchases (purchase_id, listing_id, buyer, seller,"
                + " price_wei, buyer_public_key, deliver_by, tx_hash, block_number, created_at, updated_block)"
                + " SELECT u.id, u.listing, u.buyer,"
                + " COALESCE((SELECT seller FROM listings l WHERE l.listing_id = u.listing), '" + ZERO_ADDRESS + "'),"
                + " u.price, u.pk, u.by, u.tx, u.b, u.at, u.b FROM purchase_rows AS u ON CONFLICT DO NOTHING"),
        VOUCH_INSERT("INSERT INTO vouches (tx_hash, log_index, voucher, subject, amount_wei, shares, block_number, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        WITHDRAWAL_INSERT("INSERT INTO stake_withdrawals (tx_hash, log_index, kind, voucher, subject, shares, amount_wei,"
                + " release_at, block_number, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        SLASH_INSERT("INSERT INTO slashing_events (tx_hash, log_index, subject, amount_wei, bps, beneficiary, compensation_wei,"
                + " block_number, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        DISPUTE_INSERT("INSERT INTO disputes (tx_hash, log_index, purchase_id, buyer, evidence_digest, block_number, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        // A CTE (not INSERT ... VALUES): each event binds its values once, and the driver never rewrites it into a
        // multi-row INSERT, which the null-means-unchanged columns below would not survive.
        ISSUER_UPSERT("WITH v (address, issuer_id, x, y, royalty, active, block_number, tx_hash, log_index) AS (VALUES"
                + " (?, ?::bigint, ?::numeric, ?::numeric, ?::int, ?::boolean, ?::bigint, ?, ?::int))"
                + " INSERT INTO issuers (address, issuer_id, babyjub_x, babyjub_y, royalty_bps, is_active, block_number,"
                + " tx_hash, log_index) SELECT address, issuer_id, x, y, COALESCE(royalty, 0), COALESCE(active, true),"
                + " block_number, tx_hash, log_index FROM v"
                + " ON CONFLICT (address) DO UPDATE SET issuer_id = COALESCE(EXCLUDED.issuer_id, issuers.issuer_id),"
                + " babyjub_x = COALESCE(EXCLUDED.babyjub_x, issuers.babyjub_x),"
                + " babyjub_y = COALESCE(EXCLUDED.babyjub_y, issuers.babyjub_y),"
                + " royalty_bps = COALESCE((SELECT royalty FROM v), issuers.royalty_bps),"
                + " is_active = COALESCE((SELECT active FROM v), issuers.is_active),"
                + " block_number = EXCLUDED.block_number, tx_hash = EXCLUDED.tx_hash, log_index = EXCLUDED.log_index"),
        CIRCUIT_UPSERT("INSERT INTO circuits (circuit_id, verifier, public_inputs, credential_index, issuer_key_index, is_active,"
                + " block_number) VALUES (?, COALESCE(?, '" + ZERO_ADDRESS + "'), COALESCE(?::int, 0), COALESCE(?::int, 0),"
                + " COALESCE(?::int, 0), ?, ?) ON CONFLICT (circuit_id) DO UPDATE SET"
                + " verifier = CASE WHEN EXCLUDED.is_active THEN EXCLUDED.verifier ELSE circuits.verifier END,"
                + " public_inputs = CASE WHEN EXCLUDED.is_active THEN EXCLUDED.public_inputs ELSE circuits.public_inputs END,"
                + " credential_index = CASE WHEN EXCLUDED.is_active THEN EXCLUDED.credential_index"
                + " ELSE circuits.credential_index END,"
                + " issuer_key_index = CASE WHEN EXCLUDED.is_active THEN EXCLUDED.issuer_key_index"
                + " ELSE circuits.issuer_key_index END,"
                + " is_active = EXCLUDED.is_active, block_number = EXCLUDED.block_number"),
        PROPOSAL_INSERT("INSERT INTO governance_proposals (proposal_id, proposer, description, targets, vote_start, vote_end,"
                + " block_number, tx_hash, created_at, updated_block) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING"),
        PROPOSAL_STATUS("UPDATE governance_proposals SET status = ?, eta_seconds = COALESCE(?, eta_seconds),"
                + " updated_block = ? WHERE proposal_id = ?"),
        VOTE_INSERT("INSERT INTO governance_votes (tx_hash, log_index, proposal_id, voter, support, weight, reason,"
                + " block_number, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        CONFIG_UPSERT("INSERT INTO platform_config (key, value, description, block_number, updated_at)"
                + " VALUES (?, ?::jsonb, ?, ?, now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value,"
                + " block_number = EXCLUDED.block_number, updated_at = now()"),
        LISTING_PRICE("UPDATE listings SET price_wei = ?, updated_block = ? WHERE listing_id = ?"),
        LISTING_REMOVE("UPDATE listings SET status = 'removed', updated_block = ? WHERE listing_id = ?"),
        LISTING_SOLD("UPDATE listings SET purchase_count = purchase_count + 1 WHERE listing_id = ?"),
        PURCHASE_UPDATE("UPDATE purchases SET status = COALESCE(?, status),"
                + " seller_amount_wei = COALESCE(?, seller_amount_wei), fee_wei = COALESCE(?, fee_wei),"
                + " dispute_by = COALESCE(?, dispute_by), refunded_wei = COALESCE(?, refunded_wei),"
                + " buyer_won = COALESCE(?, buyer_won), updated_block = ? WHERE purchase_id = ?"),
        PURCHASE_ROYALTY("UPDATE purchases SET royalty_wei = ?, royalty_issuer = ? WHERE purchase_id = ?"),
        DISPUTE_RESOLVE("UPDATE disputes SET buyer_wins = ?, clawed_back_wei = ?, resolved_block = ?, resolved_tx = ?"
                + " WHERE purchase_id = ? AND resolved_block IS NULL");

        final String sql;
        /** For a statement over a staging table, its name and columns ({@code name (col type, …)}); else null. */
        final String staging;
        /** The staging table's column types, in order (empty for a JDBC batch statement). */
        final String[] columnTypes;

        Sql(String sql) {
            this(null, sql);
        }

        Sql(String staging, String sql) {
            this.sql = sql;
            this.staging = staging;
            if (staging == null) {
                this.columnTypes = new String[0];
            } else {
                String[] columns = staging.substring(staging.indexOf('(') + 1, staging.lastIndexOf(')')).split(",");
                this.columnTypes = new String[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    this.columnTypes[i] = columns[i].trim().split(" ")[1];
                }
            }
        }

        String stagingName() {
            return staging.substring(0, staging.indexOf(' '));
        }
    }

    /** Binds one event into the batches it feeds and names the wallets it touches. */
    @FunctionalInterface
    interface Handler {
        void bind(DecodedEvent d, EventAt e, Batches b, Set<String> touched) throws SQLException;
    }

    private static final String M = EventMappings.MARKETPLACE + ".";
    private static final String R = EventMappings.REGISTRY + ".";
    private static final String S = EventMappings.STAKING + ".";
    private static final String G = EventMappings.GOVERNOR + ".";

    /** Projections by event name ({@code Contract.Event}); an event without one stays in chain_events only. */
    static final Map<String, Handler> HANDLERS = Map.ofEntries(
            Map.entry(M + "ListingCreated", (d, e, b, t) -> {
                b.add(Sql.LISTING_INSERT, num(d, "listingId"), d.text("seller"), d.text("credentialHash"),
                        num(d, "price"), d.text("metadataDigest"), d.text("keyCommitment"), block(d), d.log().txHash(),
                        ts(e));
                t.add(d.text("seller"));
            }),
            Map.entry(M + "PriceUpdated", (d, e, b, t) -> b.add(Sql.LISTING_PRICE, num(d, "price"), block(d),
                    num(d, "listingId"))),
            Map.entry(M + "ListingRemoved", (d, e, b, t) -> b.add(Sql.LISTING_REMOVE, block(d), num(d, "listingId"))),
            Map.entry(M + "CredentialPurchased", (d, e, b, t) -> {
                BigDecimal listing = num(d, "listingId");
                b.add(Sql.PURCHASE_INSERT, num(d, "purchaseId"), listing, d.text("buyer"), num(d, "amount"),
                        d.text("buyerPublicKey"), d.uint("deliverBy").longValueExact(), d.log().txHash(), block(d), ts(e));
                b.add(Sql.LISTING_SOLD, listing);
                b.purchases.add(num(d, "purchaseId"));
                t.add(d.text("buyer"));
            }),
            Map.entry(M + "KeyDelivered", (d, e, b, t) -> purchase(d, b, "delivered", num(d, "sellerAmount"),
                    num(d, "fee"), d.uint("disputeBy").longValueExact(), null, null)),
            Map.entry(M + "RoyaltyPaid", (d, e, b, t) -> b.add(Sql.PURCHASE_ROYALTY, num(d, "amount"), d.text("issuer"),
                    num(d, "purchaseId"))),
            Map.entry(M + "Refunded", (d, e, b, t) -> purchase(d, b, "refunded", null, null, null, num(d, "amount"), null)),
            Map.entry(M + "DisputeOpened", (d, e, b, t) -> {
                b.add(Sql.DISPUTE_INSERT, d.log().txHash(), d.log().logIndex(), num(d, "purchaseId"), d.text("buyer"),
                        d.text("evidenceDigest"), block(d), ts(e));
                purchase(d, b, "disputed", null, null, null, null, null);
            }),
            Map.entry(M + "DisputeResolved", (d, e, b, t) -> {
                boolean buyerWins = Boolean.parseBoolean(d.text("buyerWins"));
                b.add(Sql.DISPUTE_RESOLVE, buyerWins, num(d, "clawedBack"), block(d), d.log().txHash(), num(d, "purchaseId"));
                purchase(d, b, "resolved", null, null, null, null, buyerWins);
            }),
            Map.entry(M + "ParamsChanged", Projector::config),
            Map.entry(R + "CredentialAnchored", (d, e, b, t) -> b.add(Sql.CREDENTIAL_INSERT, d.text("credentialHash"),
                    d.text("holder"), d.text("issuer"), d.text("schemaId"), d.text("contentDigest"), d.text("arweaveTx"),
                    block(d), d.log().txHash(), block(d))),
            Map.entry(R + "CredentialRevoked", (d, e, b, t) -> b.add(Sql.CREDENTIAL_REVOKE, d.text("by"), block(d),
                    d.text("credentialHash"))),
            Map.entry(R + "CredentialVerified", (d, e, b, t) -> b.add(Sql.VERIFICATION_INSERT, d.log().txHash(),
                    d.log().logIndex(), d.text("credentialHash"), d.uint("circuitId").intValueExact(), d.text("prover"),
                    block(d), ts(e))),
            Map.entry(R + "IssuerRegistered", (d, e, b, t) -> issuer(d, b, d.uint("issuerId").longValueExact(),
                    num(d, "babyJubX"), num(d, "babyJubY"), d.uint("royaltyBps").intValueExact(), true)),
            Map.entry(R + "IssuerRoyaltyChanged", (d, e, b, t) -> issuer(d, b, null, null, null,
                    d.uint("royaltyBps").intValueExact(), null)),
            Map.entry(R + "IssuerRemoved", (d, e, b, t) -> issuer(d, b, null, null, null, null, false)),
            Map.entry(R + "CircuitRegistered", (d, e, b, t) -> b.add(Sql.CIRCUIT_UPSERT, d.uint("circuitId").intValueExact(),
                    d.text("verifier"), d.uint("publicInputs").intValueExact(), null, null, true, block(d))),
            Map.entry(R + "CircuitRemoved", (d, e, b, t) -> b.add(Sql.CIRCUIT_UPSERT, d.uint("circuitId").intValueExact(),
                    null, null, null, null, false, block(d))),
            Map.entry(S + "Vouched", (d, e, b, t) -> {
                b.add(Sql.VOUCH_INSERT, d.log().txHash(), d.log().logIndex(), d.text("voucher"), d.text("vouchee"),
                        num(d, "amount"), num(d, "shares"), block(d), ts(e));
                t.add(d.text("voucher"));
                t.add(d.text("vouchee"));
            }),
            Map.entry(S + "WithdrawalRequested", (d, e, b, t) -> withdrawal(d, e, b, t, "requested", num(d, "value"),
                    d.uint("releaseAt").longValueExact())),
            Map.entry(S + "Withdrawn", (d, e, b, t) -> withdrawal(d, e, b, t, "withdrawn", num(d, "amount"), null)),
            Map.entry(S + "Slashed", (d, e, b, t) -> {
                b.add(Sql.SLASH_INSERT, d.log().txHash(), d.log().logIndex(), d.text("vouchee"), num(d, "amount"),
                        d.uint("bps").intValueExact(), d.text("beneficiary"), num(d, "compensation"), block(d), ts(e));
                t.add(d.text("vouchee"));
            }),
            Map.entry(S + "ParamsChanged", Projector::config),
            Map.entry(G + "ProposalCreated", (d, e, b, t) -> b.add(Sql.PROPOSAL_INSERT, num(d, "proposalId"),
                    d.text("proposer"), d.text("description"), d.text("targets"), d.uint("voteStart").longValueExact(),
                    d.uint("voteEnd").longValueExact(), block(d), d.log().txHash(), ts(e), block(d))),
            Map.entry(G + "VoteCast", (d, e, b, t) -> b.add(Sql.VOTE_INSERT, d.log().txHash(), d.log().logIndex(),
                    num(d, "proposalId"), d.text("voter"), d.uint("support").shortValueExact(), num(d, "weight"),
                    d.text("reason"), block(d), ts(e))),
            Map.entry(G + "ProposalQueued", (d, e, b, t) -> b.add(Sql.PROPOSAL_STATUS, "queued",
                    d.uint("etaSeconds").longValueExact(), block(d), num(d, "proposalId"))),
            Map.entry(G + "ProposalExecuted", (d, e, b, t) -> b.add(Sql.PROPOSAL_STATUS, "executed", null, block(d),
                    num(d, "proposalId"))),
            Map.entry(G + "ProposalCanceled", (d, e, b, t) -> b.add(Sql.PROPOSAL_STATUS, "canceled", null, block(d),
                    num(d, "proposalId"))));

    private Projector() {
    }

    private static long block(DecodedEvent d) {
        return d.log().blockNumber();
    }

    private static BigDecimal num(DecodedEvent d, String arg) {
        return new BigDecimal(d.uint(arg));
    }

    private static void purchase(DecodedEvent d, Batches b, String status, BigDecimal sellerAmount, BigDecimal fee,
            Long disputeBy, BigDecimal refunded, Boolean buyerWon) throws SQLException {
        BigDecimal purchase = num(d, "purchaseId");
        b.add(Sql.PURCHASE_UPDATE, status, sellerAmount, fee, disputeBy, refunded, buyerWon, block(d), purchase);
        b.purchases.add(purchase);
    }

    private static void issuer(DecodedEvent d, Batches b, Long id, BigDecimal x, BigDecimal y, Integer royalty,
            Boolean active) throws SQLException {
        b.add(Sql.ISSUER_UPSERT, d.text("issuer"), id, x, y, royalty, active, block(d), d.log().txHash(),
                d.log().logIndex());
    }

    private static void withdrawal(DecodedEvent d, EventAt e, Batches b, Set<String> t, String kind, BigDecimal amount,
            Long releaseAt) throws SQLException {
        b.add(Sql.WITHDRAWAL_INSERT, d.log().txHash(), d.log().logIndex(), kind, d.text("voucher"), d.text("vouchee"),
                num(d, "shares"), amount, releaseAt, block(d), ts(e));
        t.add(d.text("voucher"));
        t.add(d.text("vouchee"));
    }

    /** A contract's parameters, kept in platform_config under the event's name. */
    private static void config(DecodedEvent d, EventAt e, Batches b, Set<String> t) throws SQLException {
        b.add(Sql.CONFIG_UPSERT, d.name(), json(new java.util.TreeMap<>(d.args())), "Set on chain by governance", block(d));
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static Timestamp ts(EventAt e) {
        return Timestamp.from(e.time());
    }

    /** What a batch changed: the events that were new, and the wallets whose figures must be refreshed. */
    record Applied(List<EventAt> fresh, Set<String> touched) {
    }

    /**
     * Records the events in chain_events (ignoring ones already there) and projects only the new ones. The rows go by
     * binary COPY into a temporary staging table (emptied at commit) and from there into chain_events with one
     * {@code INSERT … ON CONFLICT DO NOTHING RETURNING}, which names the ones that were not there yet.
     */
    static Applied recordAndProject(Connection c, List<EventAt> events) throws SQLException {
        if (events.isEmpty()) {
            return new Applied(List.of(), Set.of());
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS chain_events_in (LIKE chain_events) ON COMMIT DELETE ROWS");
        }
        BinaryCopy copy = new BinaryCopy(events.size() * 600);
        for (EventAt e : events) {
            DecodedEvent d = e.event();
            RawLog l = d.log();
            copy.row(10).text(l.txHash()).int4(l.logIndex()).int8(l.blockNumber()).text(l.blockHash())
                    .timestamptz(e.time()).text(l.address()).text(d.name()).numeric(d.uintOrNull("listingId"))
                    .numeric(d.uintOrNull("purchaseId")).jsonb(json(d.args()));
        }
        copy.copyInto(c, "chain_events_in");
        // The staging table empties at commit; rows a second call in one transaction finds there again are already in
        // chain_events and conflict.
        Set<LogKey> inserted = new HashSet<>();
        try (Statement st = c.createStatement();
             var rs = st.executeQuery("INSERT INTO chain_events SELECT * FROM chain_events_in ON CONFLICT DO NOTHING"
                     + " RETURNING tx_hash, log_index")) {
            while (rs.next()) {
                inserted.add(new LogKey(rs.getString(1), rs.getInt(2)));
            }
        }
        List<EventAt> fresh = new ArrayList<>(inserted.size());
        for (EventAt e : events) {
            RawLog l = e.event().log();
            if (inserted.contains(new LogKey(l.txHash(), l.logIndex()))) {
                fresh.add(e);
            }
        }
        return new Applied(fresh, project(c, fresh));
    }

    private record LogKey(String txHash, int logIndex) {
    }

    /** Applies events (in chain order) to the projection tables. */
    static Set<String> project(Connection c, List<EventAt> events) throws SQLException {
        Set<String> touched = new HashSet<>();
        try (Batches b = new Batches(c)) {
            for (EventAt e : events) {
                Handler h = HANDLERS.get(e.event().name());
                if (h != null) {
                    h.bind(e.event(), e, b, touched);
                }
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
        private final Map<Sql, List<Object[]>> rows = new java.util.EnumMap<>(Sql.class);
        final Set<BigDecimal> purchases = new HashSet<>();

        Batches(Connection c) {
            this.c = c;
        }

        void add(Sql sql, Object... values) throws SQLException {
            if (sql.staging != null) {
                if (values.length != sql.columnTypes.length) {
                    throw new IllegalArgumentException(sql + " takes " + sql.columnTypes.length + " values");
                }
                rows.computeIfAbsent(sql, k -> new ArrayList<>()).add(values);
                return;
            }
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
                List<Object[]> r = rows.get(sql);
                if (r != null) {
                    executeArrays(sql, r);
                }
            }
        }

        /**
         * One execution of a staging statement: the rows go by binary COPY into its temporary staging table (emptied at
         * commit, and right after use so a second use in one transaction starts empty), then the statement reads them.
         */
        private void executeArrays(Sql sql, List<Object[]> r) throws SQLException {
            BinaryCopy copy = new BinaryCopy(r.size() * 400);
            for (Object[] row : r) {
                copy.row(row.length);
                for (int i = 0; i < row.length; i++) {
                    field(copy, sql.columnTypes[i], row[i]);
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE IF NOT EXISTS " + sql.staging + " ON COMMIT DELETE ROWS");
                copy.copyInto(c, sql.stagingName());
                st.executeUpdate(sql.sql);
                st.executeUpdate("DELETE FROM " + sql.stagingName());
            }
        }

        private static void field(BinaryCopy copy, String type, Object v) {
            if (v == null) {
                copy.nullField();
                return;
            }
            switch (type) {
                case "numeric" -> copy.numeric(((BigDecimal) v).toBigIntegerExact());
                case "varchar" -> copy.text((String) v);
                case "int8" -> copy.int8(((Number) v).longValue());
                case "timestamptz" -> copy.timestamptz(((Timestamp) v).toInstant());
                default -> throw new IllegalStateException("no COPY writer for " + type);
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
