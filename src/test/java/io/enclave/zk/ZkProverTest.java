package io.enclave.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enclave.zk.groth16.Groth16Prover;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The prover on one thread (the studio's background warm-up) proves what the all-cores prover proves. */
class ZkProverTest {
    @Test
    void oneThreadProvesOnTheCallingThreadAndTheProofVerifies() {
        CircuitRegistry circuits = CircuitRegistry.directory(ZkFixtures.circuit("multiplier").getParent());
        ZkProver one = new ZkProver(circuits, 1);
        one.prove("multiplier", Map.of("a", 2, "b", 7, "tag", 1), null); // loads and compiles first
        long stealsBefore = ForkJoinPool.commonPool().getStealCount();
        Groth16Prover.Result r = one.prove("multiplier", Map.of("a", 3, "b", 11, "tag", 5), null);
        assertThat(ForkJoinPool.commonPool().getStealCount()).as("no task ran on the common pool").isEqualTo(stealsBefore);
        assertThat(r.publicSignals().values()).containsExactly(BigInteger.valueOf(33), BigInteger.valueOf(5));
        assertThat(new ZkVerifier(circuits).verify("multiplier", r.proof(), r.publicSignals())).isTrue();
        Groth16Prover.Result all = new ZkProver(circuits).prove("multiplier", Map.of("a", 3, "b", 11, "tag", 5), null);
        assertThat(new ZkVerifier(circuits).verify("multiplier", all.proof(), all.publicSignals())).isTrue();
    }

    @Test
    void zeroThreadsIsRefused() {
        assertThatThrownBy(() -> new ZkProver(CircuitRegistry.classPath(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
