package io.enclave.zk.groth16;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.zk.curve.Bn254;
import io.enclave.zk.curve.JacobianOps;
import io.enclave.zk.field.MontField;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The GLV split k ≡ k₁ + k₂·λ (mod r) with short halves, on random scalars and on the values where the limb
 * arithmetic turns over (0, 1, r − 1, r, λ, multiples of the lattice vectors, the points where ⌊k·gᵢ/2^256⌋ steps,
 * 2^254 − 1); the endomorphism against [λ] on G1 and G2; and the GLV MSM against the plain one.
 */
class GlvTest {
    private static final BigInteger R = Bn254.R;
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    @Test
    void lambdaIsANontrivialCubeRootOfUnityAndTheBasisIsShort() {
        assertThat(Glv.LAMBDA.modPow(BigInteger.valueOf(3), R)).isEqualTo(BigInteger.ONE);
        assertThat(Glv.LAMBDA).isNotEqualTo(BigInteger.ONE);
        BigInteger[][] v = Glv.basis(R, Glv.LAMBDA);
        for (BigInteger[] vec : v) {
            assertThat(vec[0].add(vec[1].multiply(Glv.LAMBDA)).mod(R)).isEqualTo(BigInteger.ZERO);
            assertThat(vec[0].abs().bitLength()).isLessThanOrEqualTo(128);
            assertThat(vec[1].abs().bitLength()).isLessThanOrEqualTo(128);
        }
        assertThat(Glv.BITS).isBetween(128, 131);
    }

    @Test
    void decompositionRecomposesEdgeAndRandomScalars() {
        List<BigInteger> ks = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                R.subtract(BigInteger.ONE), R, R.add(BigInteger.ONE), Glv.LAMBDA, Glv.LAMBDA.add(BigInteger.ONE),
                R.subtract(Glv.LAMBDA), BigInteger.ONE.shiftLeft(254).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(128), BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(253)));
        BigInteger[][] v = Glv.basis(R, Glv.LAMBDA);
        BigInteger det = v[0][0].multiply(v[1][1]).subtract(v[1][0].multiply(v[0][1]));
        for (BigInteger[] vec : v) {
            for (int j = -3; j <= 3; j++) {
                ks.add(vec[0].multiply(BigInteger.valueOf(j)).mod(R));
                ks.add(vec[1].multiply(BigInteger.valueOf(j)).mod(R));
            }
            // where ⌊k·g/2^256⌋ steps (g = ⌊2^256·|b|/r⌋ as in Glv): the last k before and the first k at each step
            BigInteger g = TWO_256.multiply(vec[1].abs()).divide(det.abs());
            for (long j : new long[] {1, 2, 1L << 40, 1L << 62}) {
                BigInteger step = TWO_256.multiply(BigInteger.valueOf(j)).add(g).subtract(BigInteger.ONE).divide(g);
                ks.add(step);
                ks.add(step.subtract(BigInteger.ONE));
            }
            BigInteger top = TWO_256.multiply(g.multiply(BigInteger.ONE.shiftLeft(254)).shiftRight(256)).divide(g);
            ks.add(top.min(BigInteger.ONE.shiftLeft(254).subtract(BigInteger.ONE)));
        }
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            ks.add(new BigInteger(254, rnd).mod(R));
        }
        for (int i = 0; i < 2_000; i++) {
            ks.add(new BigInteger(254, rnd)); // not reduced: Msm takes any scalar below 2^254
        }
        long[] in = new long[4];
        long[] out = new long[8];
        for (BigInteger k : ks) {
            System.arraycopy(MontField.limbs(k), 0, in, 0, 4);
            int signs = Glv.decompose(in, 0, out, 0);
            BigInteger k1 = MontField.fromLimbs(out, 0);
            BigInteger k2 = MontField.fromLimbs(out, 4);
            assertThat(k1.bitLength()).as("|k1| of %s", k).isLessThanOrEqualTo(Glv.BITS);
            assertThat(k2.bitLength()).as("|k2| of %s", k).isLessThanOrEqualTo(Glv.BITS);
            if ((signs & 1) != 0) {
                k1 = k1.negate();
            }
            if ((signs & 2) != 0) {
                k2 = k2.negate();
            }
            assertThat(k1.add(k2.multiply(Glv.LAMBDA)).subtract(k).mod(R)).as("k = %s", k).isEqualTo(BigInteger.ZERO);
            assertThat(MontField.fromLimbs(in, 0)).as("input untouched").isEqualTo(k);
        }
    }

    @Test
    void endomorphismIsMultiplicationByLambdaOnG1AndG2() {
        check(Bn254::g1Ops, Bn254.G1_GENERATOR);
        check(Bn254::g2Ops, Bn254.G2_GENERATOR);
    }

    private static void check(Supplier<JacobianOps> factory, long[] generator) {
        JacobianOps ops = factory.get();
        Random rnd = new Random(11);
        long[] j = new long[ops.jacobianWidth()];
        long[] p = new long[ops.affineWidth()];
        long[] image = new long[ops.affineWidth()];
        for (int i = 0; i < 5; i++) {
            ops.mulAffine(generator, 0, new BigInteger(250, rnd), j, 0);
            ops.toAffine(j, 0, p, 0);
            Glv.endomorphism(ops, p, 0, image, 0);
            ops.mulAffine(p, 0, Glv.LAMBDA, j, 0);
            long[] expected = new long[ops.affineWidth()];
            ops.toAffine(j, 0, expected, 0);
            assertThat(image).isEqualTo(expected);
        }
        long[] inf = new long[ops.affineWidth()];
        Glv.endomorphism(ops, inf, 0, image, 0);
        assertThat(ops.isAffineInfinity(image, 0)).isTrue();
    }

    @Test
    void glvMsmEqualsPlainMsmOnEdgeScalars() {
        for (Supplier<JacobianOps> factory : List.<Supplier<JacobianOps>>of(Bn254::g1Ops, Bn254::g2Ops)) {
            JacobianOps ops = factory.get();
            int aw = ops.affineWidth();
            long[] gen = aw == 8 ? Bn254.G1_GENERATOR : Bn254.G2_GENERATOR;
            BigInteger[] ks = {R.subtract(BigInteger.ONE), Glv.LAMBDA, R.subtract(Glv.LAMBDA), BigInteger.TWO,
                BigInteger.ONE.shiftLeft(254).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(128),
                R.subtract(BigInteger.TWO)};
            int n = 3 * ks.length;
            long[] bases = new long[n * aw];
            long[] scalars = new long[4 * n];
            long[] j = new long[ops.jacobianWidth()];
            Random rnd = new Random(3);
            for (int i = 0; i < n; i++) {
                ops.mulAffine(gen, 0, new BigInteger(200, rnd).add(BigInteger.ONE), j, 0);
                ops.toAffine(j, 0, bases, i * aw);
                System.arraycopy(MontField.limbs(ks[i % ks.length]), 0, scalars, 4 * i, 4);
            }
            long[] glv = Msm.msm(factory, bases, 0, scalars, 0, n, 2, true);
            long[] plain = Msm.msm(factory, bases, 0, scalars, 0, n, 2, false);
            assertThat(ops.equal(glv, 0, plain, 0)).isTrue();
            // λ·P + (r − λ)·P = O: the halves of the two scalars cancel across terms
            System.arraycopy(bases, 0, bases, aw, aw);
            long[] cancel = Msm.msm(factory, bases, 0, scalars, 1, 2, 1, true);
            assertThat(ops.isInfinity(cancel, 0)).isTrue();
        }
    }
}
