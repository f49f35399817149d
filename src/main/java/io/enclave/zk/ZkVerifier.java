package io.enclave.zk;

import io.enclave.zk.groth16.Groth16Verifier;
import io.enclave.zk.groth16.Proof;
import io.enclave.zk.groth16.PublicSignals;
import io.enclave.zk.groth16.VerifyingKey;

/** Verifies Groth16 proofs against the verifying keys of a {@link CircuitRegistry} (or a key given directly). */
public final class ZkVerifier {
    private final CircuitRegistry circuits;

    public ZkVerifier(CircuitRegistry circuits) {
        this.circuits = circuits;
    }

    public boolean verify(String circuitId, Proof proof, PublicSignals publicSignals) {
        return verify(circuits.verifyingKey(circuitId), proof, publicSignals);
    }

    /** snarkjs JSON in, verdict out; malformed JSON or points throw {@link io.enclave.zk.groth16.MalformedProofDataException}. */
    public boolean verifyJson(String circuitId, String proofJson, String publicJson) {
        return verify(circuitId, Proof.fromJson(proofJson), PublicSignals.fromJson(publicJson));
    }

    public static boolean verify(VerifyingKey vk, Proof proof, PublicSignals publicSignals) {
        return Groth16Verifier.verify(vk, proof, publicSignals);
    }
}
