package io.enclave.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.zk.CircuitRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The warm-up after unlock: it proves once and loads the circuits, and a lock before or during it stops it. */
class ProverWarmupTest {
    @Test
    void runsToTheEndWithAThrowawayProof() {
        ProverWarmup w = new ProverWarmup(CircuitRegistry.classPath());
        w.run();
        assertThat(w.state()).isEqualTo(ProverWarmup.State.DONE);
        assertThat(w.took()).isPositive();
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
