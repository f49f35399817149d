package io.enclave.storage.outbox;

import io.enclave.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable multi-step jobs in the local vault. A job is a kind (which names a pipeline of {@link OutboxStep}s) and an
 * input; each step's result is recorded in the same transaction that marks it done, so after a crash the next
 * {@link #runDue()} resumes at the first step not recorded. A failing step is retried with {@link Backoff}; after the
 * last attempt the job is FAILED with the step's error until {@link #retry} is called. One runner per vault.
 *
 * <p>Jobs, not passes, are locked: each job runs under its own (vault, job) lock ({@link JobLocks}), so a job never
 * runs twice at once, while different jobs run side by side — a screen whose job waits for the user to confirm a
 * transaction ({@link #runJob}) does not hold the background runner's {@link #runDue} pass. Steps that sign for one
 * account rely on the chain layer to hand out its nonces one sender at a time. Across processes nothing more is needed:
 * an open vault belongs to one process ({@code io.enclave.vault.Vault}), so a CLI command cannot run a job the studio's
 * runner is running.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** Jobs being run, per vault, across every runner of this JVM (two services on one vault share these locks). */
    private static final JobLocks JOB_LOCKS = new JobLocks();
    private final DataSource vault;
    private final Map<String, List<OutboxStep>> pipelines;
    private final Backoff backoff;
    private final Clock clock;

    public Outbox(DataSource vault, Map<String, List<OutboxStep>> pipelines, Backoff backoff, Clock clock) {
        this.vault = vault;
        this.pipelines = new java.util.concurrent.ConcurrentHashMap<>(pipelines);
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * Adds the pipeline of a kind to this runner (a service built on a shared runner registers its steps here); a kind
     * is registered once per runner, so two services never run each other's jobs.
     */
    public void register(String kind, List<OutboxStep> steps) {
        if (pipelines.putIfAbsent(kind, List.copyOf(steps)) != null) {
            throw new IllegalStateException("outbox pipeline '" + kind + "' is registered already on this runner");
        }
    }

    /** Records a new job; a second call with the same id changes nothing and returns false. */
    public boolean enqueue(String jobId, String kind, byte[] input) {
        List<OutboxStep> steps = pipeline(kind);
        Instant now = clock.instant();
        try (Connection c = vault.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM outbox_job WHERE id = ?")) {
                exists.setString(1, jobId);
                if (exists.executeQuery().next()) {
                    return false;
                }
            }
            try (PreparedStatement job = c.prepareStatement("INSERT INTO outbox_job (id, kind, state, input, "
                    + "next_attempt_at, created_at, updated_at) VALUES (?, ?, 'PENDING', ?, ?, ?, ?)")) {
                job.setString(1, jobId);
                job.setString(2, kind);
                job.setBytes(3, input);
                job.setTimestamp(4, Timestamp.from(now));
                job.setTimestamp(5, Timestamp.from(now));
                job.setTimestamp(6, Timestamp.from(now));
                job.executeUpdate();
            }
            try (PreparedStatement step = c.prepareStatement(
                    "INSERT INTO outbox_step (job_id, step, position, state) VALUES (?, ?, ?, 'PENDING')")) {
                for (int i = 0; i < steps.size(); i++) {
                    step.setString(1, jobId);
                    step.setString(2, steps.get(i).name());
                    step.setInt(3, i);
                    step.addBatch();
                }
                step.executeBatch();
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            throw vaultError("record job " + jobId, e);
        }
    }

    /**
     * Runs every PENDING job whose retry time has come; returns how many finished (DONE) in this pass. A job another
     * thread is running right now (a screen's, waiting for a confirmation) is skipped, not waited for.
     */
    public int runDue() {
        int done = 0;
        for (String id : dueJobs()) {
            ReentrantLock lock = JOB_LOCKS.of(vault, id);
            if (!lock.tryLock()) {
                continue; // another runner on this vault is running it right now
            }
            try {
                if (stillDue(id) && runLocked(id)) {
                    done++;
                }
            } finally {
                lock.unlock();
            }
        }
        return done;
    }

    /**
     * Runs one job as far as it goes now; true if it is DONE. When another runner on the same vault is running the
     * job, this waits for it and then carries on from what it recorded, so a job never runs twice at once.
     */
    public boolean runJob(String jobId) {
        ReentrantLock lock = JOB_LOCKS.of(vault, jobId);
        lock.lock();
        try {
            return runLocked(jobId);
        } finally {
            lock.unlock();
        }
    }

    /** What {@link #runIfFree} or {@link #runIfDue} did with a job. */
    public enum Attempt {
        /** Ran, and the job is DONE (now or before). */
        DONE,
        /** Ran as far as it goes now; not DONE (a step failed and is recorded, or the job had FAILED before). */
        NOT_DONE,
        /** Not run: another runner on this vault is running it right now. */
        BUSY,
        /** Not run: it is no longer due (done, failed, or its retry time has not come). */
        NOT_DUE
    }

    /**
     * Like {@link #runJob}, but never waits: when another runner on this vault is running the job right now, returns
     * {@link Attempt#BUSY} at once (a screen that asked to run it by hand says so instead of blocking).
     */
    public Attempt runIfFree(String jobId) {
        return tryRun(jobId, false);
    }

    /**
     * Runs one job only if it is free and still due once locked (a watcher's pass over jobs it listed as due): a job
     * another runner holds is skipped ({@link Attempt#BUSY}), and is picked up by a later pass if still due then.
     */
    public Attempt runIfDue(String jobId) {
        return tryRun(jobId, true);
    }

    private Attempt tryRun(String jobId, boolean onlyIfDue) {
        ReentrantLock lock = JOB_LOCKS.of(vault, jobId);
        if (!lock.tryLock()) {
            return Attempt.BUSY;
        }
        try {
            if (onlyIfDue && !stillDue(jobId)) {
                return Attempt.NOT_DUE;
            }
            return runLocked(jobId) ? Attempt.DONE : Attempt.NOT_DONE;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a listed job is still due once locked: another runner may have run it, or failed it to a later retry. */
    private boolean stillDue(String jobId) {
        return job(jobId).map(j -> j.state() == JobView.State.PENDING
                && (j.nextAttemptAt() == null || !j.nextAttemptAt().isAfter(clock.instant()))).orElse(false);
    }

    private boolean runLocked(String jobId) {
        JobView job = job(jobId).orElseThrow(() -> new StorageException("No outbox job " + jobId));
        if (job.state() != JobView.State.PENDING) {
            return job.state() == JobView.State.DONE;
        }
        List<OutboxStep> steps = pipeline(job.kind());
        for (OutboxStep step : steps) {
            JobView.StepView view = job.steps().stream().filter(s -> s.name().equals(step.name())).findFirst()
                    .orElseThrow(() -> new StorageException("Job " + jobId + " has no record of step " + step.name()));
            if (view.done()) {
                continue;
            }
            Ctx ctx = new Ctx(jobId, step.name(), view.attempts() + 1);
            byte[] result;
            try {
                LOG.debug("outbox {} step {} attempt {}", jobId, step.name(), ctx.attempt);
                result = step.run(ctx);
            } catch (Exception e) {
                fail(jobId, step.name(), job.attempts() + 1, e);
                return false;
            }
            complete(jobId, step.name(), result, ctx.consume);
        }
        finish(jobId);
        return true;
    }

    /** Makes a FAILED job PENDING again, due now (the user fixed the cause). */
    public void retry(String jobId) {
        update("UPDATE outbox_job SET state = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ? "
                + "WHERE id = ? AND state = 'FAILED'", Timestamp.from(clock.instant()), Timestamp.from(clock.instant()),
                jobId);
    }

    public List<JobView> jobs() {
        return OutboxQueries.jobs(vault, null);
    }

    public Optional<JobView> job(String id) {
        List<JobView> one = OutboxQueries.jobs(vault, id);
        return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
    }

    /** The recorded result of a step of a job (e.g. the CID of the upload). */
    public Optional<byte[]> result(String jobId, String step) {
        return OutboxQueries.result(vault, jobId, step);
    }

    private List<String> dueJobs() {
        List<String> ids = new ArrayList<>();
        try (Connection c = vault.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT id FROM outbox_job WHERE state = 'PENDING' AND next_attempt_at <= ? ORDER BY created_at, id")) {
            q.setTimestamp(1, Timestamp.from(clock.instant()));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        } catch (SQLException e) {
            throw vaultError("list due jobs", e);
        }
        return ids;
    }

    private void complete(String jobId, String step, byte[] result, boolean consumeInput) {
        try (Connection c = vault.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox_step SET state = 'DONE', result = ?, "
                    + "attempts = attempts + 1, last_error = NULL, completed_at = ? WHERE job_id = ? AND step = ?")) {
                s.setBytes(1, result);
                s.setTimestamp(2, Timestamp.from(clock.instant()));
                s.setString(3, jobId);
                s.setString(4, step);
                s.executeUpdate();
            }
            if (consumeInput) {
                try (PreparedStatement s = c.prepareStatement("UPDATE outbox_job SET input = NULL WHERE id = ?")) {
                    s.setString(1, jobId);
                    s.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw vaultError("record step " + step + " of job " + jobId, e);
        }
    }

    /** Records a failed attempt; {@code attempt} counts the job's attempts since it was enqueued or retried. */
    private void fail(String jobId, String step, int attempt, Exception e) {
        String why = step + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        why = why.length() > 3900 ? why.substring(0, 3900) + "…" : why;
        boolean giveUp = attempt >= backoff.maxAttempts();
        Instant next = clock.instant().plus(backoff.after(attempt));
        LOG.warn("outbox job {} step {} failed (attempt {}{}): {}", jobId, step, attempt,
                giveUp ? ", giving up" : ", retry at " + next, why);
        try (Connection c = vault.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox_step SET attempts = attempts + 1, "
                    + "last_error = ? WHERE job_id = ? AND step = ?")) {
                s.setString(1, why);
                s.setString(2, jobId);
                s.setString(3, step);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox_job SET state = ?, attempts = attempts + 1, "
                    + "last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?")) {
                s.setString(1, giveUp ? "FAILED" : "PENDING");
                s.setString(2, giveUp ? why + " — gave up after " + attempt + " attempts; fix the cause and retry the job"
                        : why);
                s.setTimestamp(3, Timestamp.from(next));
                s.setTimestamp(4, Timestamp.from(clock.instant()));
                s.setString(5, jobId);
                s.executeUpdate();
            }
            c.commit();
        } catch (SQLException ex) {
            throw vaultError("record the failure of step " + step + " of job " + jobId, ex);
        }
    }

    private void finish(String jobId) {
        update("UPDATE outbox_job SET state = 'DONE', last_error = NULL, updated_at = ? WHERE id = ?",
                Timestamp.from(clock.instant()), jobId);
    }

    private void update(String sql, Object... args) {
        try (Connection c = vault.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw vaultError("update the outbox", e);
        }
    }

    private List<OutboxStep> pipeline(String kind) {
        List<OutboxStep> steps = pipelines.get(kind);
        if (steps == null) {
            throw new StorageException("No pipeline for outbox jobs of kind '" + kind + "' (known: "
                    + pipelines.keySet() + ")");
        }
        return steps;
    }

    static StorageException vaultError(String what, SQLException e) {
        return new StorageException("Could not " + what + " in the local vault: " + e.getMessage()
                + ". Check the vault file is not opened by another Enclave and the disk is not full.", e);
    }

    private final class Ctx implements StepContext {
        private final String jobId;
        private final String step;
        private final int attempt;
        private boolean consume;

        Ctx(String jobId, String step, int attempt) {
            this.jobId = jobId;
            this.step = step;
            this.attempt = attempt;
        }

        @Override
        public String jobId() {
            return jobId;
        }

        @Override
        public String idempotencyKey() {
            return jobId + "/" + step;
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public byte[] input() {
            return OutboxQueries.input(vault, jobId).orElseThrow(() -> new StorageException("The input of job " + jobId
                    + " was already consumed by an earlier step"));
        }

        @Override
        public void consumeInput() {
            consume = true;
        }

        @Override
        public byte[] result(String earlier) {
            return OutboxQueries.result(vault, jobId, earlier).orElseThrow(() -> new StorageException("Step " + step
                    + " of job " + jobId + " needs the result of step " + earlier + ", which is not recorded"));
        }

        @Override
        public Optional<byte[]> checkpoint(String name) {
            return OutboxQueries.checkpoint(vault, jobId, step, name);
        }

        @Override
        public void checkpoint(String name, byte[] value) {
            OutboxQueries.saveCheckpoint(vault, jobId, step, name, value);
        }
    }
}
