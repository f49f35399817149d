package io.enclave.zk;

import io.enclave.zk.groth16.Groth16Prover;
import java.util.Arrays;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * Proves statements with the circuits of a {@link CircuitRegistry}, entirely in the JVM: witness by the circuit's
 * wasm (Chicory), proof by the Java Groth16 prover. The witness (which holds the private inputs) is wiped after use.
 */
public final class ZkProver {
    private final CircuitRegistry circuits;
    private final int threads;

    /** A prover on all cores. */
    public ZkProver(CircuitRegistry circuits) {
        this(circuits, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** A prover on at most {@code threads} threads (1: the calling thread only, for background work beside a UI). */
    public ZkProver(CircuitRegistry circuits, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.circuits = circuits;
        this.threads = threads;
    }

    /**
     * @param inputs   signal name → value (BigInteger, Long, decimal String, or lists of them)
     * @param progress fraction done in [0, 1] (may be null)
     * @throws io.enclave.zk.witness.WitnessException if the inputs do not satisfy the circuit
     */
    public Groth16Prover.Result prove(String circuitId, Map<String, ?> inputs, DoubleConsumer progress) {
        DoubleConsumer report = progress == null ? x -> { } : progress;
        // held for the whole proof: an idle release of the registry meanwhile does not drop this circuit
        return circuits.use(circuitId, circuit -> {
            report.accept(0.0);
            long[] witness = circuit.witness().calculate(inputs);
            try {
                report.accept(0.2);
                return Groth16Prover.prove(circuit.provingKey(), witness, f -> report.accept(0.2 + 0.8 * f), threads);
            } finally {
                Arrays.fill(witness, 0L);
            }
        });
    }
}
