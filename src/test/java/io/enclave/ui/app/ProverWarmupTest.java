package io.enclave.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.zk.CircuitRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The warm-up after unlock: it proves once and loads the circuits, and a lock before or during it stops it. */
class ProverWarmupTest {
    @Test
    void runsToTheEndWithAThrowawayProofAndKeepsTheCircuitOnlyWhileTheStudioHoldsIt() {
        CircuitRegistry circuits = CircuitRegistry.classPath();
        CircuitRegistry.Hold studio = circuits.hold();
        ProverWarmup w = new ProverWarmup(circuits);
        w.run();
        assertThat(w.state()).isEqualTo(ProverWarmup.State.DONE);
        assertThat(w.took()).isPositive();
        assertThat(circuits.loaded()).containsExactly("range");
        studio.close();
        assertThat(circuits.loaded()).isEmpty();

        // the person left the studio before the warm-up ended: it leaves nothing loaded
        ProverWarmup unheld = new ProverWarmup(circuits);
        unheld.run();
        assertThat(unheld.state()).isEqualTo(ProverWarmup.State.DONE);
        assertThat(circuits.loaded()).isEmpty();
    }

    @Test
    void aStudioLeftWithinTheDelaySkipsItAndNothingLoads() throws Exception {
        CircuitRegistry circuits = CircuitRegistry.classPath();
        ProverWarmup w = new ProverWarmup(circuits, 1, circuits::held).start(Duration.ZERO); // no hold open
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (w.state() == ProverWarmup.State.WAITING && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(w.state()).isEqualTo(ProverWarmup.State.SKIPPED);
        assertThat(circuits.loaded()).isEmpty();
    }

    @Test
    void aLockDuringTheDelayStopsItBeforeAnythingLoads() throws Exception {
        ProverWarmup w = new ProverWarmup(CircuitRegistry.classPath()).start(Duration.ofMinutes(5));
        w.cancel();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (w.state() == ProverWarmup.State.WAITING && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(w.state()).isEqualTo(ProverWarmup.State.CANCELLED);
        assertThat(w.took()).isNull();
    }

    @Test
    void aLockWhileItRunsStopsItAtTheNextCheck() throws Exception {
        ProverWarmup w = new ProverWarmup(CircuitRegistry.classPath()).start(Duration.ZERO);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (w.state() == ProverWarmup.State.WAITING && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        w.cancel();
        deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (w.state() == ProverWarmup.State.RUNNING && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(w.state()).isEqualTo(ProverWarmup.State.CANCELLED);
        assertThat(w.took()).isNull();
    }
}
