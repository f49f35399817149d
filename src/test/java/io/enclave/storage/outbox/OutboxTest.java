package io.enclave.storage.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
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
    void theRunnerGoesOnWhileAScreensJobWaitsForItsConfirmation() throws Exception {
        CountDownLatch asking = new CountDownLatch(1);
        CountDownLatch confirmed = new CountDownLatch(1);
        OutboxStep held = new PublicationSteps.Named("list", ctx -> {
            asking.countDown();
            try {
                confirmed.await(); // the user reads the confirmation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new byte[] {1};
        });
        OutboxStep quick = new PublicationSteps.Named("deliver", ctx -> new byte[] {2});
        Outbox outbox = new Outbox(vault, Map.of("publish", List.of(held), "delivery", List.of(quick)), Backoff.DEFAULT,
                clock);
        outbox.enqueue("screen", "publish", new byte[] {0});
        CompletableFuture<Boolean> screen = CompletableFuture.supplyAsync(() -> outbox.runJob("screen"));
        assertThat(asking.await(30, TimeUnit.SECONDS)).isTrue();
        outbox.enqueue("background", "delivery", new byte[] {0});

        int done = CompletableFuture.supplyAsync(outbox::runDue).get(30, TimeUnit.SECONDS);
        assertThat(done).as("the runner's pass skips the screen's job and runs the other").isEqualTo(1);
        assertThat(outbox.job("background").orElseThrow().state()).isEqualTo(JobView.State.DONE);
        assertThat(outbox.job("screen").orElseThrow().state()).isEqualTo(JobView.State.PENDING);
        assertThat(screen).isNotDone();

        confirmed.countDown();
        assertThat(screen.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(outbox.job("screen").orElseThrow().state()).isEqualTo(JobView.State.DONE);
    }

    @Test
    void manyRunnersOnOneVaultRunEachJobOnceAndNeverTwiceAtOnce() throws Exception {
        Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        OutboxStep step = new PublicationSteps.Named("send", ctx -> {
            runs.computeIfAbsent(ctx.jobId(), j -> new AtomicInteger()).incrementAndGet();
            AtomicInteger here = inside.computeIfAbsent(ctx.jobId(), j -> new AtomicInteger());
            if (here.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            for (int i = 0; i < 200; i++) {
                Thread.yield(); // stay inside the step a while, so that runners meet here if they can
            }
            here.decrementAndGet();
            return new byte[] {1};
        });
        int jobs = 40;
        List<Outbox> runners = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            runners.add(new Outbox(vault, Map.of("k", List.of(step)), Backoff.DEFAULT, clock));
        }
        for (int j = 0; j < jobs; j++) {
            runners.get(0).enqueue("j" + j, "k", new byte[] {0});
        }
        CyclicBarrier go = new CyclicBarrier(runners.size() * 2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(runners.size() * 2);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Outbox runner : runners) {
            all.add(CompletableFuture.runAsync(() -> {
                await(go);
                runner.runDue(); // the background way: skip what is running
            }, pool));
            all.add(CompletableFuture.runAsync(() -> {
                await(go);
                for (int j = jobs - 1; j >= 0; j--) {
                    runner.runJob("j" + j); // a screen's way: wait for a running job, then carry on from its record
                }
            }, pool));
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(overlaps).as("no job ever ran in two runners at once").hasValue(0);
        assertThat(runs).hasSize(jobs);
        assertThat(runs.values()).as("a recorded step never runs again").allSatisfy(n -> assertThat(n).hasValue(1));
        assertThat(runners.get(3).jobs()).allSatisfy(j -> assertThat(j.state()).isEqualTo(JobView.State.DONE));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
