package io.enclave.zk.groth16;

import io.enclave.zk.curve.Bn254;
import io.enclave.zk.curve.JacobianOps;
import io.enclave.zk.field.MontField;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleConsumer;

/**
 * A Groth16 prover for snarkjs proving keys, computing the same proof as snarkjs {@code groth16.prove}
 * (up to its random r, s): the QAP evaluations from the zkey coefficients, H on the odd coset by iFFT/coset-FFT, and
 * five Pippenger MSMs (A, B₁, C, H in G1; B in G2) spread over the available cores.
 */
public final class Groth16Prover {
    private static final MontField FR = MontField.FR;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Groth16Prover() {
    }

    /** The result: a proof and its public signals (witness[1..nPublic]). */
    public record Result(Proof proof, PublicSignals publicSignals) {
    }

    /**
     * @param witness  the full witness as plain little-endian limbs (4 longs per element), as
     *                 {@link io.enclave.zk.witness.WitnessCalculator#calculate} returns it
     * @param progress receives a fraction in [0, 1] as the phases complete (may be null)
     */
    public static Result prove(ProvingKey pk, long[] witness, DoubleConsumer progress) {
        return prove(pk, witness, progress, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * As {@link #prove(ProvingKey, long[], DoubleConsumer)} on at most {@code threads} threads; with 1, everything runs
     * on the calling thread (a background warm-up that must leave the other cores to the UI).
     */
    public static Result prove(ProvingKey pk, long[] witness, DoubleConsumer progress, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (witness.length != 4 * pk.nVars) {
            throw new IllegalArgumentException("the witness has " + witness.length / 4 + " values, the proving key expects "
                    + pk.nVars + ": witness and key are for different circuits");
        }
        if (!isOne(witness)) {
            throw new IllegalArgumentException("witness[0] must be 1: this is not a circom witness");
        }
        DoubleConsumer report = progress == null ? x -> { } : progress;
        // the quotient H (FFTs) runs beside the witness MSMs; each MSM spreads its windows over the threads
        boolean parallel = threads > 1;
        CompletableFuture<long[]> quotient = parallel ? CompletableFuture.supplyAsync(() -> quotientScalars(pk, witness, true))
                : CompletableFuture.completedFuture(quotientScalars(pk, witness, false));
        long[] a = Msm.msm(Bn254::g1Ops, pk.pointsA, 0, witness, 0, pk.nVars, threads);
        report.accept(0.2);
        long[] b1 = Msm.msm(Bn254::g1Ops, pk.pointsB1, 0, witness, 0, pk.nVars, threads);
        report.accept(0.3);
        long[] c = Msm.msm(Bn254::g1Ops, pk.pointsC, 0, witness, pk.nPublic + 1, pk.nVars - pk.nPublic - 1, threads);
        report.accept(0.4);
        long[] b = Msm.msm(Bn254::g2Ops, pk.pointsB2, 0, witness, 0, pk.nVars, threads);
        report.accept(0.6);
        long[] h = quotient.join();
        // H's scalars are dense and 254-bit: the endomorphism saves ~10 % there (and costs on the sparser witness MSMs)
        long[] hSum = Msm.msm(Bn254::g1Ops, pk.pointsH, 0, h, 0, pk.domainSize, threads, true);
        java.util.Arrays.fill(h, 0L); // derived from the private witness
        report.accept(0.95);

        BigInteger r = randomScalar();
        BigInteger s = randomScalar();
        JacobianOps g1 = Bn254.g1Ops();
        JacobianOps g2 = Bn254.g2Ops();
        long[] tmp1 = new long[g1.jacobianWidth()];
        long[] tmp2 = new long[g2.jacobianWidth()];
        // A = Σ wᵢAᵢ + α + r·δ
        g1.addAffine(a, 0, pk.alpha1, 0);
        g1.mulAffine(pk.delta1, 0, r, tmp1, 0);
        g1.add(a, 0, tmp1, 0);
        // B = Σ wᵢBᵢ + β + s·δ (G2), and its G1 twin
        g2.addAffine(b, 0, pk.beta2, 0);
        g2.mulAffine(pk.delta2, 0, s, tmp2, 0);
        g2.add(b, 0, tmp2, 0);
        g1.addAffine(b1, 0, pk.beta1, 0);
        g1.mulAffine(pk.delta1, 0, s, tmp1, 0);
        g1.add(b1, 0, tmp1, 0);
        // C = Σ wᵢCᵢ + H + s·A + r·B₁ − rs·δ
        g1.add(c, 0, hSum, 0);
        long[] aAffine = new long[8];
        g1.toAffine(a, 0, aAffine, 0);
        g1.mulAffine(aAffine, 0, s, tmp1, 0);
        g1.add(c, 0, tmp1, 0);
        long[] b1Affine = new long[8];
        g1.toAffine(b1, 0, b1Affine, 0);
        g1.mulAffine(b1Affine, 0, r, tmp1, 0);
        g1.add(c, 0, tmp1, 0);
        g1.mulAffine(pk.delta1, 0, r.multiply(s).mod(Bn254.R), tmp1, 0);
        g1.neg(tmp1, 0);
        g1.add(c, 0, tmp1, 0);

        long[] bAffine = new long[16];
        g2.toAffine(b, 0, bAffine, 0);
        long[] cAffine = new long[8];
        g1.toAffine(c, 0, cAffine, 0);
        List<BigInteger> pub = new ArrayList<>();
        for (int i = 1; i <= pk.nPublic; i++) {
            pub.add(MontField.fromLimbs(witness, 4 * i));
        }
        report.accept(1.0);
        return new Result(new Proof(aAffine, bAffine, cAffine), new PublicSignals(pub));
    }

    private static boolean isOne(long[] w) {
        return w[0] == 1 && w[1] == 0 && w[2] == 0 && w[3] == 0;
    }

    /** The H scalars: (A·B − C) evaluated on the odd coset of the 2n-th roots, plain form (snarkjs's buffPodd_T). */
    static long[] quotientScalars(ProvingKey pk, long[] witness) {
        return quotientScalars(pk, witness, true);
    }

    static long[] quotientScalars(ProvingKey pk, long[] witness, boolean parallel) {
        int n = pk.domainSize;
        long[] at = new long[4 * n];
        long[] bt = new long[4 * n];
        long[][] out = {at, bt};
        long[] t = new long[4];
        for (int i = 0; i < pk.coefMatrix.length; i++) {
            long[] dst = out[pk.coefMatrix[i]];
            int ci = 4 * pk.coefConstraint[i];
            // value·R² (Montgomery) × plain witness = Montgomery(value·w)
            FR.mul(pk.coefValue, 4 * i, witness, 4 * pk.coefSignal[i], t, 0);
            FR.add(dst, ci, t, 0, dst, ci);
        }
        long[] ct = new long[4 * n];
        for (int i = 0; i < n; i++) {
            FR.mul(at, 4 * i, bt, 4 * i, ct, 4 * i);
        }
        CompletableFuture<Void> fa = parallel ? CompletableFuture.runAsync(() -> Fft.toOddCoset(at, pk.power))
                : CompletableFuture.runAsync(() -> Fft.toOddCoset(at, pk.power), Runnable::run);
        Fft.toOddCoset(bt, pk.power);
        Fft.toOddCoset(ct, pk.power);
        fa.join();
        long[] h = new long[4 * n];
        for (int i = 0; i < n; i++) {
            FR.mul(at, 4 * i, bt, 4 * i, t, 0);
            FR.sub(t, 0, ct, 4 * i, t, 0);
            FR.fromMont(t, 0, h, 4 * i);
        }
        // the QAP evaluations are derived from the private witness
        java.util.Arrays.fill(at, 0L);
        java.util.Arrays.fill(bt, 0L);
        java.util.Arrays.fill(ct, 0L);
        java.util.Arrays.fill(t, 0L);
        return h;
    }

    private static BigInteger randomScalar() {
        BigInteger k;
        do {
            k = new BigInteger(256, RANDOM);
        } while (k.compareTo(Bn254.R) >= 0 || k.signum() == 0);
        return k;
    }
}
