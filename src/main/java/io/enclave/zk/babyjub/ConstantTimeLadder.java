package io.enclave.zk.babyjub;

import io.enclave.zk.babyjub.BabyJubJub.Point;
import io.enclave.zk.field.MontField;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * k·P on BabyJubJub with a Montgomery ladder whose sequence of operations and memory accesses does not depend on
 * the secret scalar k: always {@value #BITS} iterations, each one conditional swap by masks (no branch on a key
 * bit), one addition and one doubling. The field arithmetic is {@link MontField#FR} on four 64-bit limbs (BN254's
 * scalar field is BabyJubJub's base field), whose multiplication, addition and subtraction compute carries and the
 * final reduction without branches. Points are projective (X : Y : Z) with the unified twisted Edwards addition
 * (add-2008-bbjlp), which is complete on BabyJubJub (a is a square, d is not), so doubling and the identity need no
 * special cases. The affine result is computed with a Fermat inversion (fixed exponent p − 2).
 *
 * <p>Caveats (documented in docs/ZK.md): the scalar enters and leaves as a {@link BigInteger} (its conversion to
 * limbs is not guaranteed constant time by the JVM), and the JIT compiler gives no formal guarantee either.
 */
final class ConstantTimeLadder {
    static final int BITS = 256;
    private static final MontField F = MontField.FR;
    private static final long[] CURVE_A = F.fromBig(BabyJubJub.A);
    private static final long[] CURVE_D = F.fromBig(BabyJubJub.D);
    private static final BigInteger P_MINUS_2 = BabyJubJub.P.subtract(BigInteger.TWO);

    // offsets of the nine field elements in the scratch array t (36 longs)
    private static final int TA = 0;
    private static final int TB = 4;
    private static final int TC = 8;
    private static final int TD = 12;
    private static final int TE = 16;
    private static final int TF = 20;
    private static final int TG = 24;
    private static final int TH = 28;
    private static final int TI = 32;

    private ConstantTimeLadder() {
    }

    /** k·p for 0 ≤ k &lt; 2^256; the time taken does not depend on k. */
    static Point mul(Point p, BigInteger k) {
        if (k.signum() < 0 || k.bitLength() > BITS) {
            throw new IllegalArgumentException("the scalar must satisfy 0 <= k < 2^" + BITS);
        }
        long[] scalar = MontField.limbs(k);
        // r0 = identity (0 : 1 : 1), r1 = p (x : y : 1); 12 longs each
        long[] r0 = new long[12];
        long[] r1 = new long[12];
        long[] t = new long[36];
        try {
            F.setOne(r0, 4);
            F.setOne(r0, 8);
            F.fromBig(p.x(), r1, 0);
            F.fromBig(p.y(), r1, 4);
            F.setOne(r1, 8);
            for (int i = BITS - 1; i >= 0; i--) {
                long bit = (scalar[i >>> 6] >>> (i & 63)) & 1;
                conditionalSwap(r0, r1, bit);
                add(r1, r0, t); // r1 = r0 + r1
                add(r0, r0, t); // r0 = 2·r0 (the addition law is unified)
                conditionalSwap(r0, r1, bit);
            }
            return toAffine(r0, t);
        } finally {
            Arrays.fill(scalar, 0L);
            Arrays.fill(r0, 0L);
            Arrays.fill(r1, 0L);
            Arrays.fill(t, 0L);
        }
    }

    /** Swaps a and b when bit = 1, without branching on bit. */
    static void conditionalSwap(long[] a, long[] b, long bit) {
        long mask = -bit;
        for (int i = 0; i < a.length; i++) {
            long x = mask & (a[i] ^ b[i]);
            a[i] ^= x;
            b[i] ^= x;
        }
    }

    /**
     * p ← p + q (add-2008-bbjlp, projective): A = Z1·Z2, B = A², C = X1·X2, D = Y1·Y2, E = d·C·D, F = B − E,
     * G = B + E, X3 = A·F·((X1 + Y1)(X2 + Y2) − C − D), Y3 = A·G·(D − a·C), Z3 = F·G. q may be p itself.
     */
    private static void add(long[] p, long[] q, long[] t) {
        F.mul(p, 8, q, 8, t, TA);
        F.mul(t, TA, t, TA, t, TB);
        F.mul(p, 0, q, 0, t, TC);
        F.mul(p, 4, q, 4, t, TD);
        F.mul(CURVE_D, 0, t, TC, t, TE);
        F.mul(t, TE, t, TD, t, TE);
        F.sub(t, TB, t, TE, t, TF);
        F.add(t, TB, t, TE, t, TG);
        F.add(p, 0, p, 4, t, TH);
        F.add(q, 0, q, 4, t, TI);
        F.mul(t, TH, t, TI, t, TH);
        F.sub(t, TH, t, TC, t, TH);
        F.sub(t, TH, t, TD, t, TH);
        F.mul(t, TA, t, TF, t, TI);
        F.mul(t, TI, t, TH, p, 0);
        F.mul(CURVE_A, 0, t, TC, t, TH);
        F.sub(t, TD, t, TH, t, TH);
        F.mul(t, TA, t, TG, t, TI);
        F.mul(t, TI, t, TH, p, 4);
        F.mul(t, TF, t, TG, p, 8);
    }

    private static Point toAffine(long[] r, long[] t) {
        F.pow(r, 8, P_MINUS_2, t, TA); // 1/Z; Z ≠ 0 because the addition law is complete
        F.mul(r, 0, t, TA, t, TB);
        F.mul(r, 4, t, TA, t, TC);
        return new Point(F.toBig(t, TB), F.toBig(t, TC));
    }
}
