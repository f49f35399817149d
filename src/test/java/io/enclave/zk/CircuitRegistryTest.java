package io.enclave.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.zk.groth16.Groth16Prover;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idle circuits are released and loaded again; a circuit in use is never released, nor loaded twice. */
class CircuitRegistryTest {
    private static final Duration IDLE = Duration.ofMinutes(2);
    private static final Map<String, Integer> INPUTS = Map.of("a", 3, "b", 11, "tag", 5);

    private final TestClock clock = new TestClock();

    @BeforeAll
    static void fixtures() {
        ZkFixtures.circuit("multiplier");
    }

    private CircuitRegistry registry() {
        return CircuitRegistry.directory(ZkFixtures.circuitsDir()).withClock(clock);
    }

    @Test
    void aReleasedCircuitIsLoadedAgainAndProvesAgain() {
        CircuitRegistry circuits = registry();
        ZkProver prover = new ZkProver(circuits);
        Groth16Prover.Result first = prover.prove("multiplier", INPUTS, null);
        Circuit loaded = circuits.circuit("multiplier");
        assertThat(circuits.loaded()).containsExactly("multiplier");

        clock.advance(IDLE.minusSeconds(1));
        assertThat(circuits.releaseIdle(IDLE)).isEmpty();
        assertThat(circuits.loaded()).containsExactly("multiplier");

        clock.advance(Duration.ofSeconds(1));
        assertThat(circuits.releaseIdle(IDLE)).containsExactly("multiplier");
        assertThat(circuits.loaded()).isEmpty();

        Groth16Prover.Result again = prover.prove("multiplier", INPUTS, null);
        assertThat(circuits.loaded()).containsExactly("multiplier");
        assertThat(circuits.circuit("multiplier")).isNotSameAs(loaded);
        assertThat(again.publicSignals().values()).containsExactly(BigInteger.valueOf(33), BigInteger.valueOf(5));
        ZkVerifier verifier = new ZkVerifier(circuits);
        assertThat(verifier.verify("multiplier", first.proof(), first.publicSignals())).isTrue();
        assertThat(verifier.verify("multiplier", again.proof(), again.publicSignals())).isTrue();
    }

    @Test
    void aProofRunningWhenTheIdleTimerFiresIsNotBrokenAndKeepsItsCircuit() {
        CircuitRegistry circuits = registry();
        circuits.circuit("multiplier");
        clock.advance(Duration.ofHours(1)); // loaded long ago: idle by any measure
        List<List<String>> releasedMidProof = new ArrayList<>();
        Groth16Prover.Result r = new ZkProver(circuits).prove("multiplier", INPUTS, f -> {
            if (f > 0.1 && f < 0.9) { // between the witness and the proof's end, on the proving thread
                clock.advance(Duration.ofHours(1));
                releasedMidProof.add(circuits.releaseIdle(Duration.ZERO));
            }
        });
        assertThat(releasedMidProof).isNotEmpty().allSatisfy(ids -> assertThat(ids).isEmpty());
        assertThat(new ZkVerifier(circuits).verify("multiplier", r.proof(), r.publicSignals())).isTrue();
        // its idle time starts when the proof ends
        assertThat(circuits.releaseIdle(IDLE)).isEmpty();
        clock.advance(IDLE);
        assertThat(circuits.releaseIdle(IDLE)).containsExactly("multiplier");
    }

    @Test
    void aUseOnAnotherThreadHoldsTheCircuitUntilItEnds() throws Exception {
        CircuitRegistry circuits = registry();
        BlockedUse held = BlockedUse.start(circuits);
        clock.advance(Duration.ofHours(1));
        assertThat(circuits.releaseIdle(Duration.ZERO)).isEmpty();
        // a second user meanwhile gets the same copy, not a second one
        Circuit second = circuits.use("multiplier", c -> c);
        assertThat(second).isSameAs(circuits.circuit("multiplier"));
        Circuit c = held.finish();
        assertThat(circuits.circuit("multiplier")).isSameAs(c);
        assertThat(circuits.releaseIdle(Duration.ZERO)).containsExactly("multiplier");
    }

    @Test
    void concurrentFirstUsesLoadOneCopy() throws Exception {
        CircuitRegistry circuits = registry();
        int n = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Circuit>> uses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            uses.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return circuits.circuit("multiplier");
            }, r -> new Thread(r).start()));
        }
        start.countDown();
        Circuit first = uses.get(0).get(2, TimeUnit.MINUTES);
        for (CompletableFuture<Circuit> u : uses) {
            assertThat(u.get(2, TimeUnit.MINUTES)).isSameAs(first);
        }
    }

    @Test
    void aFailedLoadLeavesNothingBehindAndWorkThatThrowsStillEndsItsUse() {
        CircuitRegistry circuits = registry();
        assertThatThrownBy(() -> circuits.circuit("no-such-circuit"))
                .isInstanceOf(CircuitRegistry.UnknownCircuitException.class).hasMessageContaining("no-such-circuit");
        assertThat(circuits.loaded()).isEmpty();
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> circuits.use("multiplier", c -> {
            ran.incrementAndGet();
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(ran).hasValue(1);
        assertThat(circuits.releaseIdle(Duration.ZERO)).containsExactly("multiplier");
    }

    @Test
    void aHoldKeepsCircuitsFromTheIdleReleaseAndClosingItReleasesThemAtOnceThenTheyProveAgain() {
        CircuitRegistry circuits = registry();
        AtomicInteger releases = new AtomicInteger();
        circuits.onRelease(releases::incrementAndGet);
        ZkProver prover = new ZkProver(circuits);
        CircuitRegistry.Hold hold = circuits.hold();
        Groth16Prover.Result first = prover.prove("multiplier", INPUTS, null);
        Circuit loaded = circuits.circuit("multiplier");
        clock.advance(Duration.ofHours(1));
        assertThat(circuits.releaseIdle(IDLE)).isEmpty();
        assertThat(circuits.releaseUnheld()).isEmpty();
        assertThat(circuits.loaded()).containsExactly("multiplier");
        assertThat(releases).hasValue(0);

        hold.close(); // at once, no clock moved
        assertThat(circuits.loaded()).isEmpty();
        assertThat(releases).hasValue(1);
        hold.close(); // a second close changes nothing
        assertThat(releases).hasValue(1);

        Groth16Prover.Result again = prover.prove("multiplier", INPUTS, null);
        assertThat(circuits.circuit("multiplier")).isNotSameAs(loaded);
        ZkVerifier verifier = new ZkVerifier(circuits);
        assertThat(verifier.verify("multiplier", first.proof(), first.publicSignals())).isTrue();
        assertThat(verifier.verify("multiplier", again.proof(), again.publicSignals())).isTrue();
        // a proof made without a hold (the CLI, a delivery) leaves its circuit to the idle release
        assertThat(circuits.loaded()).containsExactly("multiplier");
        clock.advance(IDLE);
        assertThat(circuits.releaseIdle(IDLE)).containsExactly("multiplier");
    }

    @Test
    void onlyTheLastOfSeveralHoldsReleases() {
        CircuitRegistry circuits = registry();
        CircuitRegistry.Hold a = circuits.hold();
        CircuitRegistry.Hold b = circuits.hold();
        circuits.circuit("multiplier");
        a.close();
        assertThat(circuits.loaded()).containsExactly("multiplier");
        b.close();
        assertThat(circuits.loaded()).isEmpty();
    }

    @Test
    void aProofRunningWhenTheLastHoldClosesIsNotBrokenAndItsCircuitGoesWhenItEnds() throws Exception {
        CircuitRegistry circuits = registry();
        AtomicInteger releases = new AtomicInteger();
        circuits.onRelease(releases::incrementAndGet);
        CircuitRegistry.Hold hold = circuits.hold();
        CountDownLatch proving = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        CompletableFuture<Groth16Prover.Result> proof = CompletableFuture.supplyAsync(() ->
                new ZkProver(circuits, 1).prove("multiplier", INPUTS, f -> {
                    if (f > 0.1 && proving.getCount() > 0) { // mid-proof, on the proving thread
                        proving.countDown();
                        await(closed);
                    }
                }), r -> new Thread(r, "proof").start());
        assertThat(proving.await(2, TimeUnit.MINUTES)).isTrue();
        hold.close(); // the person leaves the studio while the proof runs
        assertThat(circuits.loaded()).containsExactly("multiplier");
        assertThat(releases).hasValue(0);
        closed.countDown();
        Groth16Prover.Result r = proof.get(2, TimeUnit.MINUTES);
        assertThat(circuits.loaded()).isEmpty(); // released when the proof ended, not 2 minutes later
        assertThat(releases).hasValue(1);
        assertThat(new ZkVerifier(circuits).verify("multiplier", r.proof(), r.publicSignals())).isTrue();
    }

    @Test
    void aHoldOpenedAgainWhileTheProofRanKeepsItsCircuit() throws Exception {
        CircuitRegistry circuits = registry();
        CircuitRegistry.Hold first = circuits.hold();
        BlockedUse use = BlockedUse.start(circuits);
        first.close(); // left the studio ...
        CircuitRegistry.Hold again = circuits.hold(); // ... and came back before the proof ended
        Circuit c = use.finish();
        assertThat(circuits.loaded()).containsExactly("multiplier");
        assertThat(circuits.circuit("multiplier")).isSameAs(c);
        again.close();
        assertThat(circuits.loaded()).isEmpty();
    }

    @Test
    void releaseUnheldReleasesNothingInUse() throws Exception {
        CircuitRegistry circuits = registry();
        BlockedUse use = BlockedUse.start(circuits);
        assertThat(circuits.releaseUnheld()).isEmpty();
        use.finish();
        assertThat(circuits.loaded()).containsExactly("multiplier"); // no hold was ever closed: the idle timer's
        assertThat(circuits.releaseUnheld()).containsExactly("multiplier");
    }

    /** A use of the "multiplier" circuit on its own thread, inside {@code use} until {@link #finish()}. */
    private record BlockedUse(CountDownLatch release, CompletableFuture<Circuit> result) {
        static BlockedUse start(CircuitRegistry circuits) throws InterruptedException {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            CompletableFuture<Circuit> result = CompletableFuture.supplyAsync(() -> circuits.use("multiplier", c -> {
                inside.countDown();
                await(finish);
                return c;
            }), r -> new Thread(r, "use").start());
            assertThat(inside.await(2, TimeUnit.MINUTES)).isTrue();
            return new BlockedUse(finish, result);
        }

        /** Lets the use end and returns the circuit it had. */
        Circuit finish() throws Exception {
            release.countDown();
            return result.get(2, TimeUnit.MINUTES);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A clock the test moves by hand. */
    private static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-29T15:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
