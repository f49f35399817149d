package io.enclave.zk.groth16;

import static org.assertj.core.api.Assertions.assertThat;

import io.enclave.zk.curve.Bn254;
import io.enclave.zk.curve.JacobianOps;
import io.enclave.zk.field.MontField;
import java.math.BigInteger;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The Pippenger MSM against the plain sum of double-and-add products, on G1 and G2, with the cases that break
 * batch-affine bucket additions: repeated bases (doublings inside a bucket), a base and its negation (P + (−P)),
 * infinite bases, zero and one scalars, r − 1, and digits at the signed-window boundaries.
 */
class MsmTest {
    private static final BigInteger R = Bn254.R;

    @Test
    void g1RandomMatchesNaive() {
        check(Bn254::g1Ops, Bn254.G1_GENERATOR, 300, 1, 2);
        check(Bn254::g1Ops, Bn254.G1_GENERATOR, 1500, 2, 2);
    }

    @Test
    void g2RandomMatchesNaive() {
        check(Bn254::g2Ops, Bn254.G2_GENERATOR, 120, 3, 2);
    }

    @Test
    void singleThreadEqualsTwoThreads() {
        check(Bn254::g1Ops, Bn254.G1_GENERATOR, 200, 4, 1);
    }

    @Test
    void equalPointsAndNegationsInOneBucketAreDoubledAndCancelled() {
        // P, P, −P, P with one scalar: every window puts all four into the same bucket, so the first round adds
        // P + P (a doubling) and −P + P (infinity), the second adds 2P to infinity
        for (java.util.function.Supplier<JacobianOps> factory : java.util.List.<java.util.function.Supplier<JacobianOps>>of(
                Bn254::g1Ops, Bn254::g2Ops)) {
            JacobianOps ops = factory.get();
            int aw = ops.affineWidth();
            long[] gen = aw == 8 ? Bn254.G1_GENERATOR : Bn254.G2_GENERATOR;
            long[] j = new long[ops.jacobianWidth()];
            ops.mulAffine(gen, 0, BigInteger.valueOf(123456789), j, 0);
            long[] bases = new long[4 * aw];
            for (int i = 0; i < 4; i++) {
                ops.toAffine(j, 0, bases, i * aw);
            }
            ops.field().neg(bases, 2 * aw + aw / 2, bases, 2 * aw + aw / 2);
            BigInteger k = R.subtract(BigInteger.valueOf(98765));
            long[] scalars = new long[16];
            for (int i = 0; i < 4; i++) {
                System.arraycopy(MontField.limbs(k), 0, scalars, 4 * i, 4);
            }
            long[] expected = new long[ops.jacobianWidth()];
            ops.mulAffine(bases, 0, k.shiftLeft(1).mod(R), expected, 0);
            assertThat(ops.equal(Msm.msm(factory, bases, 0, scalars, 0, 4, 2), 0, expected, 0)).isTrue();
            assertThat(ops.equal(Msm.msm(factory, bases, 0, scalars, 0, 4, 2, false), 0, expected, 0)).isTrue();
            // P + (−P) alone: the sum is infinity
            long[] zero = Msm.msm(factory, bases, 1, scalars, 1, 2, 1);
            assertThat(ops.isInfinity(zero, 0)).isTrue();
        }
    }

    @Test
    void signedDigitsRecomposeTheScalar() {
        Random rnd = new Random(5);
        for (int c = 2; c <= 15; c++) {
            int windows = (255 + c - 1) / c;
            BigInteger[] ks = {R.subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(253), BigInteger.TWO.pow(c - 1),
                BigInteger.TWO.pow(c - 1).add(BigInteger.ONE), new BigInteger(253, rnd)};
            long[] scalars = new long[4 * ks.length];
            int[] idx = new int[ks.length];
            for (int i = 0; i < ks.length; i++) {
                System.arraycopy(MontField.limbs(ks[i]), 0, scalars, 4 * i, 4);
                idx[i] = i;
            }
            short[] d = Msm.signedDigits(scalars, 0, idx, ks.length, c, windows);
            for (int i = 0; i < ks.length; i++) {
                BigInteger sum = BigInteger.ZERO;
                for (int w = windows - 1; w >= 0; w--) {
                    int digit = d[w * ks.length + i];
                    assertThat(Math.abs(digit)).isLessThanOrEqualTo(1 << (c - 1));
                    sum = sum.shiftLeft(c).add(BigInteger.valueOf(digit));
                }
                assertThat(sum).as("c=%d k=%s", c, ks[i]).isEqualTo(ks[i]);
            }
        }
    }

    private static BigInteger scalar(int i, BigInteger[] earlier, Random rnd) {
        switch (i % 13) {
            case 0:
                return BigInteger.ZERO;
            case 1:
                return BigInteger.ONE;
            case 2:
                return R.subtract(BigInteger.ONE);
            case 4:
                return BigInteger.valueOf(rnd.nextInt(64));
            case 5:
                return i > 20 ? earlier[i - 13] : BigInteger.TWO; // equal scalars: same buckets
            default:
                return new BigInteger(254, rnd).mod(R);
        }
    }

    private static void check(Supplier<JacobianOps> factory, long[] generator, int n, long seed, int threads) {
        JacobianOps ops = factory.get();
        int aw = ops.affineWidth();
        int jw = ops.jacobianWidth();
        Random rnd = new Random(seed);
        long[] bases = new long[n * aw];
        long[] scalars = new long[4 * n];
        long[] tmp = new long[jw];
        BigInteger[] ks = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            int kind = i % 10;
            if (kind == 3 && i > 10) {
                System.arraycopy(bases, (i - 3) * aw, bases, i * aw, aw); // a repeated base
            } else if (kind == 7 && i > 10) {
                System.arraycopy(bases, (i - 1) * aw, bases, i * aw, aw); // its negation
                ops.field().neg(bases, i * aw + aw / 2, bases, i * aw + aw / 2);
            } else if (kind == 9) {
                java.util.Arrays.fill(bases, i * aw, (i + 1) * aw, 0L); // infinity
            } else {
                ops.mulAffine(generator, 0, new BigInteger(250, rnd).add(BigInteger.ONE), tmp, 0);
                ops.toAffine(tmp, 0, bases, i * aw);
            }
            ks[i] = scalar(i, ks, rnd);
            System.arraycopy(MontField.limbs(ks[i]), 0, scalars, 4 * i, 4);
        }
        long[] expected = new long[jw];
        ops.setInfinity(expected, 0);
        for (int i = 0; i < n; i++) {
            ops.mulAffine(bases, i * aw, ks[i], tmp, 0);
            ops.add(expected, 0, tmp, 0);
        }
        long[] got = Msm.msm(factory, bases, 0, scalars, 0, n, threads);
        assertThat(ops.equal(got, 0, expected, 0)).as("MSM of %d terms", n).isTrue();
        long[] plain = Msm.msm(factory, bases, 0, scalars, 0, n, threads, false);
        assertThat(ops.equal(plain, 0, expected, 0)).as("MSM of %d terms without GLV", n).isTrue();

        // an offset slice gives the slice's sum
        long[] slice = Msm.msm(factory, bases, 5, scalars, 5, n - 10, threads);
        long[] sliceExpected = new long[jw];
        ops.setInfinity(sliceExpected, 0);
        for (int i = 5; i < n - 5; i++) {
            ops.mulAffine(bases, i * aw, ks[i], tmp, 0);
            ops.add(sliceExpected, 0, tmp, 0);
        }
        assertThat(ops.equal(slice, 0, sliceExpected, 0)).isTrue();
    }
}
