package io.enclave.zk.groth16;

import io.enclave.zk.curve.Bn254;
import io.enclave.zk.curve.JacobianOps;
import io.enclave.zk.field.Fp12;
import io.enclave.zk.field.MontField;
import io.enclave.zk.pairing.Pairing;
import java.math.BigInteger;
import java.util.List;

/**
 * Groth16 verification over BN254, equivalent to snarkjs {@code groth16.verify}: checks
 * e(−A, B) · e(α, β) · e(vk_x, γ) · e(C, δ) = 1 with vk_x = IC₀ + Σ sᵢ·ICᵢ. Points are validated when parsed
 * ({@link Proof#fromJson}); every public signal must be below the scalar field modulus r.
 */
public final class Groth16Verifier {
    private Groth16Verifier() {
    }

    /**
     * @return whether the proof is valid for these public signals
     * @throws MalformedProofDataException if the number of public signals does not match the key or a signal ≥ r
     */
    public static boolean verify(VerifyingKey vk, Proof proof, PublicSignals signals) {
        List<BigInteger> s = signals.values();
        if (s.size() != vk.publicInputCount()) {
            throw new MalformedProofDataException("the verification key expects " + vk.publicInputCount()
                    + " public signals, got " + s.size());
        }
        for (int i = 0; i < s.size(); i++) {
            BigInteger v = s.get(i);
            if (v.signum() < 0 || v.compareTo(Bn254.R) >= 0) {
                throw new MalformedProofDataException("public signal " + i + " is not below the BN254 scalar field modulus");
            }
        }
        JacobianOps g1 = Bn254.g1Ops();
        long[] acc = new long[g1.jacobianWidth()];
        g1.fromAffine(vk.ic().get(0), 0, acc, 0);
        long[] term = new long[g1.jacobianWidth()];
        for (int i = 0; i < s.size(); i++) {
            g1.mulAffine(vk.ic().get(i + 1), 0, s.get(i), term, 0);
            g1.add(acc, 0, term, 0);
        }
        long[] vkX = new long[8];
        g1.toAffine(acc, 0, vkX, 0);
        long[] negA = proof.a();
        MontField.FP.neg(negA, 4, negA, 4);
        Fp12 f = Pairing.millerLoop(List.of(negA, vkX, proof.c()),
                List.of(Pairing.prepare(proof.b()), vk.gammaPrepared(), vk.deltaPrepared()));
        return Pairing.finalExponentiation(f.mul(vk.alphaBetaMiller())).isOne();
    }
}
