package io.enclave.discovery.server;

import io.enclave.discovery.api.Proposal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/** Reads governance proposals with their vote tallies (computed from the votes, never stored). Bound parameters only. */
final class GovernanceQueries {
    private final DataSource db;

    GovernanceQueries(DataSource db) {
        this.db = db;
    }

    List<Proposal> proposals(String status, int limit) throws SQLException {
        List<Proposal> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT p.proposal_id, p.proposer,"
                + " p.description, p.targets, p.vote_start, p.vote_end, p.status, p.eta_seconds,"
                + " COALESCE(sum(v.weight) FILTER (WHERE v.support = 0), 0),"
                + " COALESCE(sum(v.weight) FILTER (WHERE v.support = 1), 0),"
                + " COALESCE(sum(v.weight) FILTER (WHERE v.support = 2), 0), count(DISTINCT v.voter), p.block_number, p.tx_hash,"
                + " p.created_at FROM governance_proposals p LEFT JOIN governance_votes v ON v.proposal_id = p.proposal_id"
                + " WHERE (p.status = ? OR ? IS NULL) GROUP BY p.proposal_id ORDER BY p.block_number DESC, p.proposal_id"
                + " LIMIT ?")) {
            ps.setString(1, status);
            ps.setString(2, status);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String targets = rs.getString(4);
                    long eta = rs.getLong(8);
                    Long etaOrNull = rs.wasNull() ? null : eta;
                    out.add(new Proposal(rs.getBigDecimal(1).toPlainString(), rs.getString(2), rs.getString(3),
                            targets.isEmpty() ? List.of() : Arrays.asList(targets.split(",")), rs.getLong(5), rs.getLong(6),
                            rs.getString(7), etaOrNull, rs.getBigDecimal(9).toPlainString(),
                            rs.getBigDecimal(10).toPlainString(), rs.getBigDecimal(11).toPlainString(), rs.getInt(12),
                            rs.getLong(13), rs.getString(14), rs.getTimestamp(15).toInstant().toString()));
                }
            }
        }
        return out;
    }
}
