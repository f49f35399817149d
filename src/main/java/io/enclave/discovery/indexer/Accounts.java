package io.enclave.discovery.indexer;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Recomputes the per-wallet figures and reputation from the projection tables, in the indexer's transaction, and
 * copies a changed reputation onto the wallet's listings ({@code seller_reputation}, which the reputation sort reads).
 */
final class Accounts {
    private static final String INPUTS = "SELECT a.address,"
            + " GREATEST(0, COALESCE((SELECT sum(amount_wei) FROM vouches v WHERE v.subject = a.address), 0)"
            + "  - COALESCE((SELECT sum(amount_wei) FROM stake_withdrawals w WHERE w.subject = a.address"
            + "    AND w.kind = 'requested'), 0)),"
            + " (SELECT count(DISTINCT voucher) FROM vouches v WHERE v.subject = a.address),"
            + " (SELECT count(*) FROM purchases p WHERE p.seller = a.address"
            + "  AND (p.status = 'delivered' OR (p.status = 'resolved' AND NOT p.buyer_won))),"
            + " (SELECT count(*) FROM purchases p WHERE p.seller = a.address"
            + "  AND (p.status = 'refunded' OR (p.status = 'resolved' AND p.buyer_won))),"
            + " (SELECT count(*) FROM slashing_events s WHERE s.subject = a.address),"
            + " COALESCE((SELECT sum(amount_wei) FROM slashing_events s WHERE s.subject = a.address), 0),"
            + " (SELECT count(*) FROM listings l WHERE l.seller = a.address AND l.status = 'active'),"
            + " EXISTS (SELECT 1 FROM listings l WHERE l.seller = a.address)"
            + "  OR EXISTS (SELECT 1 FROM purchases p WHERE p.buyer = a.address)"
            + "  OR EXISTS (SELECT 1 FROM vouches v WHERE v.voucher = a.address OR v.subject = a.address)"
            + "  OR EXISTS (SELECT 1 FROM slashing_events s WHERE s.subject = a.address),"
            + " (SELECT reputation FROM accounts x WHERE x.address = a.address)"
            + " FROM unnest(?::varchar[]) AS a(address)";

    private Accounts() {
    }

    static void refresh(Connection c, Collection<String> addresses, long block) throws SQLException {
        if (addresses.isEmpty()) {
            return;
        }
        try (PreparedStatement q = c.prepareStatement(INPUTS);
             PreparedStatement up = c.prepareStatement("INSERT INTO accounts (address, stake_received, distinct_vouchers,"
                     + " completed_sales, refunds, slashes, slashed_amount, active_listings, reputation, first_seen_block,"
                     + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) ON CONFLICT (address) DO UPDATE SET"
                     + " stake_received = EXCLUDED.stake_received, distinct_vouchers = EXCLUDED.distinct_vouchers,"
                     + " completed_sales = EXCLUDED.completed_sales, refunds = EXCLUDED.refunds, slashes = EXCLUDED.slashes,"
                     + " slashed_amount = EXCLUDED.slashed_amount, active_listings = EXCLUDED.active_listings,"
                     + " reputation = EXCLUDED.reputation, updated_at = now()");
             PreparedStatement gone = c.prepareStatement("DELETE FROM accounts WHERE address = ?");
             PreparedStatement listings = c.prepareStatement("UPDATE listings SET seller_reputation = ?"
                     + " WHERE seller = ? AND seller_reputation <> ?")) {
            q.setArray(1, c.createArrayOf("varchar", addresses.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String address = rs.getString(1);
                    if (!rs.getBoolean(9)) {
                        gone.setString(1, address);
                        gone.addBatch();
                        continue;
                    }
                    BigDecimal stake = rs.getBigDecimal(2);
                    BigDecimal slashed = rs.getBigDecimal(7);
                    int reputation = Reputation.score(new Reputation.Inputs(stake.toBigIntegerExact(), rs.getInt(3),
                            rs.getInt(4), rs.getInt(5), rs.getInt(6), slashed.toBigIntegerExact()));
                    up.setString(1, address);
                    up.setBigDecimal(2, stake);
                    up.setInt(3, rs.getInt(3));
                    up.setInt(4, rs.getInt(4));
                    up.setInt(5, rs.getInt(5));
                    up.setInt(6, rs.getInt(6));
                    up.setBigDecimal(7, slashed);
                    up.setInt(8, rs.getInt(8));
                    up.setInt(9, reputation);
                    up.setLong(10, block);
                    up.addBatch();
                    // A listing is inserted with its seller's reputation as the accounts table has it (Projector), so
                    // when that did not change, no listing of the seller can differ: skip reading all of them (a big
                    // seller's 100,000 listings on every batch of a backfill).
                    int previous = rs.getInt(10);
                    if (rs.wasNull() || previous != reputation) {
                        listings.setInt(1, reputation);
                        listings.setString(2, address);
                        listings.setInt(3, reputation);
                        listings.addBatch();
                    }
                }
            }
            up.executeBatch();
            gone.executeBatch();
            listings.executeBatch();
        }
    }
}
