package io.enclave.discovery.server;

import io.enclave.discovery.api.Analytics;
import io.enclave.discovery.api.Issuer;
import io.enclave.discovery.api.Listing;
import io.enclave.discovery.api.SellerProfile;
import io.enclave.discovery.api.TrustGraph;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads wallets, issuers, the trust graph and analytics. Bound parameters only. */
final class ProfileQueries {
    static final int MAX_GRAPH_NODES = 200;
    private final DataSource db;

    ProfileQueries(DataSource db) {
        this.db = db;
    }

    Optional<SellerProfile> seller(String address) throws SQLException {
        try (Connection c = db.getConnection()) {
            Object[] a;
            try (PreparedStatement ps = c.prepareStatement("SELECT reputation, stake_received, distinct_vouchers,"
                    + " completed_sales, refunds, slashes, slashed_amount, active_listings FROM accounts WHERE address = ?")) {
                ps.setString(1, address);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    a = new Object[] {rs.getInt(1), rs.getBigDecimal(2).toPlainString(), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getBigDecimal(7).toPlainString(), rs.getInt(8)};
                }
            }
            List<Listing> listings = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ListingQueries.COLUMNS + " FROM listings l"
                    + " WHERE l.seller = ? ORDER BY l.listing_id DESC LIMIT 20")) {
                ps.setString(1, address);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        listings.add(ListingQueries.listing(rs));
                    }
                }
            }
            List<SellerProfile.Vouch> vouches = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT voucher, sum(amount_wei), count(*) FROM vouches"
                    + " WHERE subject = ? GROUP BY voucher ORDER BY sum(amount_wei) DESC, voucher LIMIT 100")) {
                ps.setString(1, address);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        vouches.add(new SellerProfile.Vouch(rs.getString(1), rs.getBigDecimal(2).toPlainString(), rs.getInt(3)));
                    }
                }
            }
            List<SellerProfile.Slash> slashes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT amount_wei, block_number, tx_hash, created_at"
                    + " FROM slashing_events WHERE subject = ? ORDER BY block_number DESC, log_index DESC LIMIT 100")) {
                ps.setString(1, address);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        slashes.add(new SellerProfile.Slash(rs.getBigDecimal(1).toPlainString(), rs.getLong(2),
                                rs.getString(3), rs.getTimestamp(4).toInstant().toString()));
                    }
                }
            }
            return Optional.of(new SellerProfile(address, (int) a[0], (String) a[1], (int) a[2], (int) a[3], (int) a[4],
                    (int) a[5], (String) a[6], (int) a[7], listings, vouches, slashes));
        }
    }

    List<Issuer> issuers(boolean activeOnly) throws SQLException {
        List<Issuer> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT address, issuer_id, babyjub_x,"
                + " babyjub_y, royalty_bps, is_active, block_number, tx_hash FROM issuers WHERE (is_active OR NOT ?)"
                + " ORDER BY issuer_id, address LIMIT 1000")) {
            ps.setBoolean(1, activeOnly);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Issuer(rs.getString(1), rs.getLong(2), plain(rs.getBigDecimal(3)), plain(rs.getBigDecimal(4)),
                            rs.getInt(5), rs.getBoolean(6), rs.getLong(7), rs.getString(8)));
                }
            }
        }
        return out;
    }

    private static String plain(java.math.BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }

    /** Breadth-first over vouches in both directions, at most {@link #MAX_GRAPH_NODES} wallets. */
    TrustGraph trust(String center, int depth) throws SQLException {
        Map<String, Integer> distance = new LinkedHashMap<>();
        distance.put(center, 0);
        Map<String, TrustGraph.Edge> edges = new LinkedHashMap<>();
        List<String> frontier = List.of(center);
        boolean truncated = false;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT voucher, subject,"
                + " sum(amount_wei) FROM vouches WHERE voucher = ANY(?) OR subject = ANY(?) GROUP BY voucher, subject"
                + " ORDER BY sum(amount_wei) DESC LIMIT 2000")) {
            for (int d = 1; d <= depth && !frontier.isEmpty(); d++) {
                java.sql.Array arr = c.createArrayOf("varchar", frontier.toArray());
                ps.setArray(1, arr);
                ps.setArray(2, arr);
                List<String> next = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String v = rs.getString(1);
                        String s = rs.getString(2);
                        for (String w : new String[] {v, s}) {
                            if (!distance.containsKey(w)) {
                                if (distance.size() >= MAX_GRAPH_NODES) {
                                    truncated = true;
                                    continue;
                                }
                                distance.put(w, d);
                                next.add(w);
                            }
                        }
                        if (distance.containsKey(v) && distance.containsKey(s)) {
                            edges.putIfAbsent(v + s, new TrustGraph.Edge(v, s, rs.getBigDecimal(3).toPlainString()));
                        }
                    }
                }
                frontier = next;
            }
            Map<String, Integer> reputation = new HashMap<>();
            try (PreparedStatement r = c.prepareStatement("SELECT address, reputation FROM accounts WHERE address = ANY(?)")) {
                r.setArray(1, c.createArrayOf("varchar", distance.keySet().toArray()));
                try (ResultSet rs = r.executeQuery()) {
                    while (rs.next()) {
                        reputation.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            List<TrustGraph.Node> nodes = new ArrayList<>();
            distance.forEach((w, d) -> nodes.add(new TrustGraph.Node(w, reputation.getOrDefault(w, 0), d)));
            return new TrustGraph(center, depth, nodes, List.copyOf(edges.values()), truncated);
        }
    }

    Analytics analytics(int days) throws SQLException {
        try (Connection c = db.getConnection()) {
            long active;
            long sellers;
            long purchases;
            String volume;
            try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM listings WHERE status = 'active'),"
                    + " (SELECT count(*) FROM accounts WHERE active_listings > 0),"
                    + " (SELECT count(*) FROM purchases), (SELECT COALESCE(sum(price_wei), 0) FROM purchases)");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                active = rs.getLong(1);
                sellers = rs.getLong(2);
                purchases = rs.getLong(3);
                volume = rs.getBigDecimal(4).toPlainString();
            }
            List<Analytics.Day> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT day, metric_type, sum(count), sum(volume_wei)"
                    + " FROM marketplace_analytics WHERE day > current_date - ? GROUP BY day, metric_type"
                    + " HAVING sum(count) <> 0 ORDER BY day, metric_type")) {
                ps.setInt(1, days);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Analytics.Day(rs.getDate(1).toLocalDate().toString(), rs.getString(2), rs.getLong(3),
                                rs.getBigDecimal(4).toPlainString()));
                    }
                }
            }
            return new Analytics(active, sellers, purchases, volume, out);
        }
    }

    /** [indexed through block, chain head] from the indexer's cursor, or [-1, -1] before the first batch. */
    long[] cursor() throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT next_block - 1, head_block FROM indexer_cursor WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {-1, -1};
        }
    }
}
