package io.enclave.discovery.indexer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hourly marketplace counters: +1 per indexed event, -1 per event rolled back by a reorg. */
final class Analytics {
    /** Event name to metric name and the argument that carries a volume (or null). */
    static final Map<String, String[]> METRICS = Map.of(
            "Marketplace.ListingCreated", new String[] {"listing_created", null},
            "Marketplace.CredentialPurchased", new String[] {"purchase", "amount"},
            "Marketplace.KeyDelivered", new String[] {"key_delivered", null},
            "Marketplace.RoyaltyPaid", new String[] {"royalty", "amount"},
            "Marketplace.Refunded", new String[] {"refund", "amount"},
            "Marketplace.DisputeOpened", new String[] {"dispute", null},
            "Marketplace.DisputeResolved", new String[] {"dispute_resolved", null},
            "CredentialRegistry.CredentialAnchored", new String[] {"credential_anchored", null},
            "TrustStaking.Vouched", new String[] {"vouch", "amount"},
            "TrustStaking.Slashed", new String[] {"slash", "amount"});

    private Analytics() {
    }

    private record Key(String metric, java.time.LocalDate day, int hour) {
    }

    static void apply(Connection c, List<EventAt> events, int sign) throws SQLException {
        Map<Key, long[]> counts = new HashMap<>();
        Map<Key, BigInteger> volumes = new HashMap<>();
        for (EventAt e : events) {
            String[] m = METRICS.get(e.event().name());
            if (m == null) {
                continue;
            }
            ZonedDateTime t = e.time().atZone(ZoneOffset.UTC);
            Key k = new Key(m[0], t.toLocalDate(), t.getHour());
            counts.computeIfAbsent(k, x -> new long[1])[0] += sign;
            BigInteger v = m[1] == null ? BigInteger.ZERO : e.event().uint(m[1]);
            volumes.merge(k, sign > 0 ? v : v.negate(), BigInteger::add);
        }
        if (counts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO marketplace_analytics (metric_type, day, hour, count,"
                + " volume_wei) VALUES (?, ?, ?, ?, ?) ON CONFLICT (metric_type, day, hour) DO UPDATE SET"
                + " count = marketplace_analytics.count + EXCLUDED.count,"
                + " volume_wei = marketplace_analytics.volume_wei + EXCLUDED.volume_wei")) {
            for (Map.Entry<Key, long[]> en : counts.entrySet()) {
                Key k = en.getKey();
                ps.setString(1, k.metric());
                ps.setDate(2, Date.valueOf(k.day()));
                ps.setInt(3, k.hour());
                ps.setLong(4, en.getValue()[0]);
                ps.setBigDecimal(5, new BigDecimal(volumes.get(k)));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
