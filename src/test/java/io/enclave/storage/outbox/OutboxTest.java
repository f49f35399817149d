package io.enclave.storage.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retry with backoff, giving up, manual retry, idempotent enqueue and readable errors, on an in-memory H2 vault. */
class OutboxTest {
    private final MutableClock clock = new MutableClock();
    private JdbcDataSource vault;

    @BeforeEach
    void vault() {
        vault = new JdbcDataSource();
        vault.setURL("jdbc:h2:mem:outbox-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        VaultMigrations.migrate(vault);
    }

    @Test
    void aFailingStepIsRetriedWithBackoffThenGivenUpWithAReadableError() {
        AtomicInteger calls = new AtomicInteger();
        OutboxStep flaky = new PublicationSteps.Named("upload", ctx -> {
            calls.incrementAndGet();
            throw new StorageException("kubo 127.0.0.1:5001 add failed (HTTP 500): disk full");
        });
        Outbox outbox = new Outbox(vault, Map.of("k", List.of(flaky)),
                new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(5), 3), clock);
        assertThat(outbox.enqueue("j", "k", new byte[] {1})).isTrue();
        assertThat(outbox.enqueue("j", "k", new byte[] {2})).isFalse();

        assertThat(outbox.runDue()).isZero();
        JobView after1 = outbox.job("j").orElseThrow();
        assertThat(after1.state()).isEqualTo(JobView.State.PENDING);
        assertThat(after1.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(2));
        assertThat(after1.lastError()).isEqualTo("upload: kubo 127.0.0.1:5001 add failed (HTTP 500): disk full");

        assertThat(outbox.runDue()).isZero();
        assertThat(calls).hasValue(1);
        clock.advance(Duration.ofSeconds(2));
        outbox.runDue();
        assertThat(outbox.job("j").orElseThrow().nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(4));
        clock.advance(Duration.ofSeconds(4));
        outbox.runDue();
        JobView failed = outbox.job("j").orElseThrow();
        assertThat(calls).hasValue(3);
        assertThat(failed.state()).isEqualTo(JobView.State.FAILED);
        assertThat(failed.lastError()).contains("gave up after 3 attempts").contains("retry the job");
        assertThat(failed.steps().get(0).attempts()).isEqualTo(3);

        clock.advance(Duration.ofHours(1));
        assertThat(outbox.runDue()).isZero();
        assertThat(calls).hasValue(3);
        outbox.retry("j");
        outbox.runDue();
        assertThat(calls).hasValue(4);
    }

    @Test
    void twoRunnersOnOneVaultNeverRunTheSameJobAtOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        java.util.concurrent.CountDownLatch inStep = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        OutboxStep slow = new PublicationSteps.Named("send", ctx -> {
            runs.incrementAndGet();
            inStep.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new byte[] {1};
        });
        Outbox screen = new Outbox(vault, Map.of("k", List.of(slow)), Backoff.DEFAULT, clock);
        Outbox background = new Outbox(vault, Map.of("k", List.of(slow)), Backoff.DEFAULT, clock);
        screen.enqueue("j", "k", new byte[] {0});
        Thread first = new Thread(() -> screen.runJob("j"));
        first.start();
        assertThat(inStep.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(background.runDue()).isZero(); // the job is due, but the other runner holds it: skipped
        java.util.concurrent.atomic.AtomicBoolean waited = new java.util.concurrent.atomic.AtomicBoolean();
        Thread second = new Thread(() -> waited.set(background.runJob("j")));
        second.start();
        Thread.sleep(200);
        assertThat(second.isAlive()).as("runJob waits for the running one").isTrue();
        release.countDown();
        first.join(10_000);
        second.join(10_000);
        assertThat(waited).isTrue();
        assertThat(runs).hasValue(1);
        assertThat(background.job("j").orElseThrow().state()).isEqualTo(JobView.State.DONE);
    }

    @Test
    void recordedStepsAreNeverRunAgainAndResultsReachLaterSteps() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        OutboxStep a = new PublicationSteps.Named("a", ctx -> {
            first.incrementAndGet();
            return ("A:" + new String(ctx.input(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        });
        OutboxStep b = new PublicationSteps.Named("b", ctx -> {
            if (second.incrementAndGet() == 1) {
                throw new IllegalStateException("transient");
            }
            return ctx.result("a");
        });
        Outbox outbox = new Outbox(vault, Map.of("k", List.of(a, b)), new Backoff(Duration.ZERO, Duration.ZERO, 5), clock);
        outbox.enqueue("j", "k", "in".getBytes(StandardCharsets.UTF_8));
        assertThat(outbox.runDue()).isZero();
        assertThat(outbox.job("j").orElseThrow().currentStep()).isEqualTo("b");
        assertThat(outbox.runDue()).isEqualTo(1);
        assertThat(first).hasValue(1);
        assertThat(new String(outbox.result("j", "b").orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("A:in");
        assertThat(outbox.jobs()).singleElement().extracting(JobView::state).isEqualTo(JobView.State.DONE);
    }

    @Test
    void unknownKindsAndMissingJobsAreClearErrors() {
        Outbox outbox = new Outbox(vault, Map.of("k", List.of(PublicationSteps.noArweaveCopy())), Backoff.DEFAULT, clock);
        assertThatThrownBy(() -> outbox.enqueue("j", "other", new byte[0])).hasMessageContaining("No pipeline")
                .hasMessageContaining("other");
        assertThatThrownBy(() -> outbox.runJob("missing")).hasMessageContaining("No outbox job missing");
        assertThat(new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), 12).after(20))
                .isEqualTo(Duration.ofMinutes(10));
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
