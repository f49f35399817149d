package io.enclave.zk.field;

/**
 * Arithmetic on field elements stored in flat {@code long[]} arrays at offsets, so curve code can be written once
 * for G1 (over Fp, 4 limbs) and G2 (over Fp2, 8 limbs). Implementations may keep scratch space: one instance per thread.
 */
public interface FieldOps {
    /** Number of longs per element. */
    int width();

    void mul(long[] a, int ai, long[] b, int bi, long[] r, int ri);

    void sqr(long[] a, int ai, long[] r, int ri);

    void add(long[] a, int ai, long[] b, int bi, long[] r, int ri);

    void sub(long[] a, int ai, long[] b, int bi, long[] r, int ri);

    void neg(long[] a, int ai, long[] r, int ri);

    boolean isZero(long[] a, int ai);

    boolean eq(long[] a, int ai, long[] b, int bi);

    void setOne(long[] r, int ri);

    /** r = 1/a for non-zero a. */
    void inv(long[] a, int ai, long[] r, int ri);

    default void dbl(long[] a, int ai, long[] r, int ri) {
        add(a, ai, a, ai, r, ri);
    }

    default void copy(long[] a, int ai, long[] r, int ri) {
        System.arraycopy(a, ai, r, ri, width());
    }

    default void setZero(long[] r, int ri) {
        java.util.Arrays.fill(r, ri, ri + width(), 0L);
    }

    /** Fp of BN254 (stateless, shareable). */
    static FieldOps fp() {
        return FpOps.INSTANCE;
    }

    /** Fp2 of BN254 (keeps scratch space: one per thread). */
    static FieldOps fp2() {
        return new Fp2Ops();
    }

    /** Fp as flat ops. */
    final class FpOps implements FieldOps {
        static final FpOps INSTANCE = new FpOps();
        private static final MontField F = MontField.FP;

        @Override
        public int width() {
            return 4;
        }

        @Override
        public void mul(long[] a, int ai, long[] b, int bi, long[] r, int ri) {
            F.mul(a, ai, b, bi, r, ri);
        }

        @Override
        public void sqr(long[] a, int ai, long[] r, int ri) {
            F.sqr(a, ai, r, ri);
        }

        @Override
        public void add(long[] a, int ai, long[] b, int bi, long[] r, int ri) {
            F.add(a, ai, b, bi, r, ri);
        }

        @Override
        public void sub(long[] a, int ai, long[] b, int bi, long[] r, int ri) {
            F.sub(a, ai, b, bi, r, ri);
        }

        @Override
        public void neg(long[] a, int ai, long[] r, int ri) {
            F.neg(a, ai, r, ri);
        }

        @Override
        public boolean isZero(long[] a, int ai) {
            return MontField.isZero(a, ai);
        }

        @Override
        public boolean eq(long[] a, int ai, long[] b, int bi) {
            return MontField.eq(a, ai, b, bi);
        }

        @Override
        public void setOne(long[] r, int ri) {
            F.setOne(r, ri);
        }

        @Override
        public void inv(long[] a, int ai, long[] r, int ri) {
            F.inv(a, ai, r, ri);
        }
    }

    /** Fp2 = Fp[u]/(u²+1) as flat ops: c0 at offset, c1 at offset + 4. */
    final class Fp2Ops implements FieldOps {
        private static final MontField F = MontField.FP;
        private final long[] t = new long[16];

        @Override
        public int width() {
            return 8;
        }

        @Override
        public void mul(long[] a, int ai, long[] b, int bi, long[] r, int ri) {
            long[] s = t;
            F.mul(a, ai, b, bi, s, 0);
            F.mul(a, ai + 4, b, bi + 4, s, 4);
            F.add(a, ai, a, ai + 4, s, 8);
            F.add(b, bi, b, bi + 4, s, 12);
            F.mul(s, 8, s, 12, s, 8);
            F.sub(s, 8, s, 0, s, 8);
            F.sub(s, 8, s, 4, r, ri + 4);
            F.sub(s, 0, s, 4, r, ri);
        }

        @Override
        public void sqr(long[] a, int ai, long[] r, int ri) {
            long[] s = t;
            // (a0 + a1)(a0 - a1) + 2 a0 a1 u
            F.add(a, ai, a, ai + 4, s, 0);
            F.sub(a, ai, a, ai + 4, s, 4);
            F.mul(a, ai, a, ai + 4, s, 8);
            F.mul(s, 0, s, 4, r, ri);
            F.add(s, 8, s, 8, r, ri + 4);
        }

        @Override
        public void add(long[] a, int ai, long[] b, int bi, long[] r, int ri) {
            F.add(a, ai, b, bi, r, ri);
            F.add(a, ai + 4, b, bi + 4, r, ri + 4);
        }

        @Override
        public void sub(long[] a, int ai, long[] b, int bi, long[] r, int ri) {
            F.sub(a, ai, b, bi, r, ri);
            F.sub(a, ai + 4, b, bi + 4, r, ri + 4);
        }

        @Override
        public void neg(long[] a, int ai, long[] r, int ri) {
            F.neg(a, ai, r, ri);
            F.neg(a, ai + 4, r, ri + 4);
        }

        @Override
        public boolean isZero(long[] a, int ai) {
            return MontField.isZero(a, ai) && MontField.isZero(a, ai + 4);
        }

        @Override
        public boolean eq(long[] a, int ai, long[] b, int bi) {
            return MontField.eq(a, ai, b, bi) && MontField.eq(a, ai + 4, b, bi + 4);
        }

        @Override
        public void setOne(long[] r, int ri) {
            F.setOne(r, ri);
            java.util.Arrays.fill(r, ri + 4, ri + 8, 0L);
        }

        @Override
        public void inv(long[] a, int ai, long[] r, int ri) {
            Fp2.fromMont(a, ai, ai + 4).inverse().toMont(r, ri, ri + 4);
        }
    }
}
