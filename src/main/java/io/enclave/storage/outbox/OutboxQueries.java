package io.enclave.storage.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The outbox's reads and its checkpoint writes. */
final class OutboxQueries {
    private OutboxQueries() {
    }

    static List<JobView> jobs(DataSource vault, String onlyId) {
        String where = onlyId == null ? "" : " WHERE j.id = ?";
        String sql = "SELECT j.id, j.kind, j.state, j.attempts, j.next_attempt_at, j.last_error, j.created_at, "
                + "s.step, s.state, s.attempts, s.last_error, s.completed_at FROM outbox_job j "
                + "JOIN outbox_step s ON s.job_id = j.id" + where + " ORDER BY j.created_at, j.id, s.position";
        Map<String, JobView> jobs = new LinkedHashMap<>();
        Map<String, List<JobView.StepView>> steps = new LinkedHashMap<>();
        try (Connection c = vault.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            if (onlyId != null) {
                q.setString(1, onlyId);
            }
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    List<JobView.StepView> list = steps.computeIfAbsent(id, k -> new ArrayList<>());
                    jobs.putIfAbsent(id, new JobView(id, r.getString(2), JobView.State.valueOf(r.getString(3)),
                            r.getInt(4), instant(r.getTimestamp(5)), r.getString(6), instant(r.getTimestamp(7)), list));
                    list.add(new JobView.StepView(r.getString(8), "DONE".equals(r.getString(9)), r.getInt(10),
                            r.getString(11), instant(r.getTimestamp(12))));
                }
            }
        } catch (SQLException e) {
            throw Outbox.vaultError("read the outbox", e);
        }
        List<JobView> out = new ArrayList<>();
        jobs.values().forEach(j -> out.add(new JobView(j.id(), j.kind(), j.state(), j.attempts(), j.nextAttemptAt(),
                j.lastError(), j.createdAt(), List.copyOf(steps.get(j.id())))));
        return out;
    }

    static Optional<byte[]> input(DataSource vault, String jobId) {
        return bytes(vault, "SELECT input FROM outbox_job WHERE id = ?", jobId);
    }

    static Optional<byte[]> result(DataSource vault, String jobId, String step) {
        return bytes(vault, "SELECT result FROM outbox_step WHERE job_id = ? AND step = ? AND state = 'DONE'", jobId,
                step);
    }

    static Optional<byte[]> checkpoint(DataSource vault, String jobId, String step, String name) {
        return bytes(vault, "SELECT val FROM outbox_checkpoint WHERE job_id = ? AND step = ? AND name = ?", jobId, step,
                name);
    }

    static void saveCheckpoint(DataSource vault, String jobId, String step, String name, byte[] value) {
        try (Connection c = vault.getConnection(); PreparedStatement s = c.prepareStatement(
                "MERGE INTO outbox_checkpoint (job_id, step, name, val) KEY (job_id, step, name) VALUES (?, ?, ?, ?)")) {
            s.setString(1, jobId);
            s.setString(2, step);
            s.setString(3, name);
            s.setBytes(4, value);
            s.executeUpdate();
        } catch (SQLException e) {
            throw Outbox.vaultError("save checkpoint " + name + " of job " + jobId, e);
        }
    }

    private static Optional<byte[]> bytes(DataSource vault, String sql, String... args) {
        try (Connection c = vault.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setString(i + 1, args[i]);
            }
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Outbox.vaultError("read the outbox", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
