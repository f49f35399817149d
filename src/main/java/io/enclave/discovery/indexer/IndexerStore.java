package io.enclave.discovery.indexer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** The indexer's own rows: cursor, seen block hashes, and the rollback of everything above a block. */
final class IndexerStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ARGS = new TypeReference<>() { };

    /** Tables with one row per event: a rollback deletes their rows above the common ancestor. */
    private static final List<String> EVENT_TABLES = List.of("chain_events", "vouches", "stake_withdrawals",
            "slashing_events", "disputes", "credential_verifications", "governance_votes");
    /** Entities keyed by an event argument: a rollback deletes those it touched and replays their surviving events. */
    private static final Map<String, String> ENTITY_KEYS = Map.of(
            "issuer", "DELETE FROM issuers WHERE address = ANY(?)",
            "credentialHash", "DELETE FROM credentials WHERE credential_hash = ANY(?)",
            "circuitId", "DELETE FROM circuits WHERE circuit_id::text = ANY(?)",
            "proposalId", "DELETE FROM governance_proposals WHERE proposal_id::text = ANY(?)");
    private static final List<String> WALLET_ARGS = List.of("seller", "buyer", "voucher", "vouchee", "beneficiary");

    private IndexerStore() {
    }

    /** The next block to index, creating the cursor at {@code startBlock} for a fresh database. */
    static long cursor(Connection c, long chainId, long startBlock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT chain_id, next_block FROM indexer_cursor WHERE id = 1")) {
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    if (rs.getLong(1) != chainId) {
                        throw new IllegalStateException("This discovery database indexes chain " + rs.getLong(1)
                                + " but the RPC node serves chain " + chainId + "; point --rpc at the right chain or use a"
                                + " new database");
                    }
                    return rs.getLong(2);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO indexer_cursor (id, chain_id, next_block) VALUES (1, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            ps.setLong(1, chainId);
            ps.setLong(2, startBlock);
            ps.executeUpdate();
        }
        return startBlock;
    }

    static void advance(Connection c, long nextBlock, long head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE indexer_cursor SET next_block = ?, head_block = ?,"
                + " updated_at = now() WHERE id = 1")) {
            ps.setLong(1, nextBlock);
            ps.setLong(2, head);
            ps.executeUpdate();
        }
    }

    static void saveBlocks(Connection c, Collection<BlockHeader> headers) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO indexed_blocks (number, hash, parent_hash, block_time)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (number) DO UPDATE SET hash = EXCLUDED.hash,"
                + " parent_hash = EXCLUDED.parent_hash, block_time = EXCLUDED.block_time")) {
            for (BlockHeader h : headers) {
                ps.setLong(1, h.number());
                ps.setString(2, h.hash());
                ps.setString(3, h.parentHash());
                ps.setTimestamp(4, Timestamp.from(h.time()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The stored hash of block {@code number}, if the indexer recorded it. */
    static String blockHash(Connection c, long number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM indexed_blocks WHERE number = ?")) {
            ps.setLong(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Recorded blocks below {@code below}, newest first, at most {@code limit}. */
    static List<BlockHeader> blocksBelow(Connection c, long below, int limit) throws SQLException {
        List<BlockHeader> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT number, hash, parent_hash, block_time FROM indexed_blocks"
                + " WHERE number < ? ORDER BY number DESC LIMIT ?")) {
            ps.setLong(1, below);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new BlockHeader(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return out;
    }

    static OptionalLong lowestBlock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT min(number) FROM indexed_blocks");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            long v = rs.getLong(1);
            return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
        }
    }

    /**
     * Deletes everything derived from blocks above {@code keepThrough} and rebuilds the rows those events had touched
     * from the surviving events; the cursor moves to {@code keepThrough + 1}. Returns how many events were removed.
     */
    static int rollback(Connection c, long keepThrough) throws SQLException {
        List<EventAt> orphaned = events(c, "block_number > ?", keepThrough);
        Set<BigDecimal> listings = new HashSet<>();
        Set<BigDecimal> purchases = new HashSet<>();
        Set<String> wallets = new HashSet<>();
        Map<String, Set<String>> keyed = new HashMap<>();
        for (String arg : ENTITY_KEYS.keySet()) {
            keyed.put(arg, new HashSet<>());
        }
        Set<String> configs = new HashSet<>();
        for (EventAt e : orphaned) {
            DecodedEvent d = e.event();
            addIfPresent(listings, d.args().get("listingId"));
            addIfPresent(purchases, d.args().get("purchaseId"));
            for (String key : WALLET_ARGS) {
                if (d.args().containsKey(key)) {
                    wallets.add(d.args().get(key));
                }
            }
            for (Map.Entry<String, Set<String>> k : keyed.entrySet()) {
                String v = d.args().get(k.getKey());
                if (v != null && !(k.getKey().equals("issuer") && !d.name().startsWith(EventMappings.REGISTRY + ".Issuer"))) {
                    k.getValue().add(v);
                }
            }
            if (d.name().endsWith(".ParamsChanged")) {
                configs.add(d.name());
            }
        }
        Analytics.apply(c, orphaned, -1);
        if (!purchases.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT listing_id, seller FROM purchases WHERE purchase_id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("numeric", purchases.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        listings.add(rs.getBigDecimal(1));
                        wallets.add(rs.getString(2));
                    }
                }
            }
        }
        // A replayed listing replays its purchases (purchase_count), so their rows are rebuilt too.
        if (!listings.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT purchase_id, seller FROM purchases WHERE listing_id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("numeric", listings.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        purchases.add(rs.getBigDecimal(1));
                        wallets.add(rs.getString(2));
                    }
                }
            }
        }
        for (String table : EVENT_TABLES) {
            update(c, "DELETE FROM " + table + " WHERE block_number > ?", keepThrough);
        }
        Array listingIds = c.createArrayOf("numeric", listings.toArray());
        Array purchaseIds = c.createArrayOf("numeric", purchases.toArray());
        update(c, "DELETE FROM listings WHERE listing_id = ANY(?)", listingIds);
        update(c, "DELETE FROM purchases WHERE purchase_id = ANY(?)", purchaseIds);
        update(c, "DELETE FROM disputes WHERE purchase_id = ANY(?)", purchaseIds);
        for (Map.Entry<String, String> k : ENTITY_KEYS.entrySet()) {
            update(c, k.getValue(), c.createArrayOf("varchar", keyed.get(k.getKey()).toArray()));
        }
        update(c, "DELETE FROM platform_config WHERE key = ANY(?)", c.createArrayOf("varchar", configs.toArray()));
        update(c, "DELETE FROM indexed_blocks WHERE number > ?", keepThrough);
        StringBuilder where = new StringBuilder("listing_id = ANY(?) OR purchase_id = ANY(?) OR event_name = ANY(?)");
        List<Object> params = new ArrayList<>(List.of(listingIds, purchaseIds, c.createArrayOf("varchar", configs.toArray())));
        for (String arg : ENTITY_KEYS.keySet()) {
            where.append(" OR args->>'").append(arg).append("' = ANY(?)");
            params.add(c.createArrayOf("varchar", keyed.get(arg).toArray()));
        }
        List<EventAt> survivors = events(c, where.toString(), params.toArray());
        wallets.addAll(Projector.project(c, survivors));
        wallets.remove(Projector.ZERO_ADDRESS);
        Accounts.refresh(c, wallets, keepThrough);
        update(c, "UPDATE indexer_cursor SET next_block = ?, updated_at = now() WHERE id = 1", keepThrough + 1);
        return orphaned.size();
    }

    private static void addIfPresent(Set<BigDecimal> set, String value) {
        if (value != null) {
            set.add(new BigDecimal(value));
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static List<EventAt> events(Connection c, String where, Object... params) throws SQLException {
        List<EventAt> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tx_hash, log_index, block_number, block_hash, block_time,"
                + " contract, event_name, args::text FROM chain_events WHERE " + where + " ORDER BY block_number, log_index")) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RawLog log = new RawLog(rs.getString(6), List.of(), "0x", rs.getLong(3), rs.getString(4),
                            rs.getString(1), rs.getInt(2));
                    Map<String, String> args;
                    try {
                        args = JSON.readValue(rs.getString(8), ARGS);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    out.add(new EventAt(new DecodedEvent(rs.getString(7), args, log), rs.getTimestamp(5).toInstant()));
                }
            }
        }
        return out;
    }
}
