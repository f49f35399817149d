package io.enclave.zk.field;

import java.math.BigInteger;

/**
 * A prime field below 2^254 in Montgomery form on four little-endian 64-bit limbs (R = 2^256).
 * Elements live in caller-owned {@code long[]} arrays at an offset, so hot loops allocate nothing.
 * Multiplication is CIOS with the "no final carry" shortcut, valid because the top limb of the
 * modulus is below 2^62. Methods are allocation-free and thread-safe (the field itself is immutable).
 */
public final class MontField {
    /** BN254 base field p. */
    public static final MontField FP = new MontField(new BigInteger(
            "21888242871839275222246405745257275088696311157297823662689037894645226208583"));
    /** BN254 scalar field r (also the base field of BabyJubJub and circom's prime). */
    public static final MontField FR = new MontField(new BigInteger(
            "21888242871839275222246405745257275088548364400416034343698204186575808495617"));

    private final BigInteger modulus;
    private final long p0;
    private final long p1;
    private final long p2;
    private final long p3;
    private final long inv;
    private final long[] r2;
    private final long[] one;
    private final BigInteger rInverse;

    private MontField(BigInteger modulus) {
        if (modulus.bitLength() > 254) {
            throw new IllegalArgumentException("modulus must be below 2^254");
        }
        this.modulus = modulus;
        long[] m = limbs(modulus);
        p0 = m[0];
        p1 = m[1];
        p2 = m[2];
        p3 = m[3];
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        inv = BigInteger.valueOf(p0).mod(two64).modInverse(two64).negate().longValue();
        BigInteger r = BigInteger.ONE.shiftLeft(256);
        r2 = limbs(r.multiply(r).mod(modulus));
        one = limbs(r.mod(modulus));
        rInverse = r.modInverse(modulus);
    }

    public BigInteger modulus() {
        return modulus;
    }

    /** The plain little-endian limbs of a non-negative value below 2^256. */
    public static long[] limbs(BigInteger v) {
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) {
            out[i] = v.shiftRight(64 * i).longValue();
        }
        return out;
    }

    /** A value below 2^256 from plain little-endian limbs. */
    public static BigInteger fromLimbs(long[] a, int ai) {
        byte[] be = new byte[33];
        for (int i = 0; i < 4; i++) {
            long w = a[ai + i];
            for (int b = 0; b < 8; b++) {
                be[32 - 8 * i - b] = (byte) (w >>> (8 * b));
            }
        }
        return new BigInteger(be);
    }

    /** Montgomery form of v, which must already be reduced (0 ≤ v &lt; modulus). */
    public void fromBig(BigInteger v, long[] r, int ri) {
        if (v.signum() < 0 || v.compareTo(modulus) >= 0) {
            throw new IllegalArgumentException("value is not a canonical field element (must be 0 <= v < " + modulus + ")");
        }
        long[] plain = limbs(v);
        mul(plain, 0, r2, 0, r, ri);
    }

    public long[] fromBig(BigInteger v) {
        long[] r = new long[4];
        fromBig(v, r, 0);
        return r;
    }

    /** Montgomery form of v mod modulus, for any integer v. */
    public long[] fromBigReduced(BigInteger v) {
        return fromBig(v.mod(modulus));
    }

    public BigInteger toBig(long[] a, int ai) {
        return fromLimbs(a, ai).multiply(rInverse).mod(modulus);
    }

    public BigInteger toBig(long[] a) {
        return toBig(a, 0);
    }

    /** The plain (non-Montgomery) limbs of a, into r. */
    public void fromMont(long[] a, int ai, long[] r, int ri) {
        long[] plainOne = {1, 0, 0, 0};
        mul(a, ai, plainOne, 0, r, ri);
    }

    public void setOne(long[] r, int ri) {
        System.arraycopy(one, 0, r, ri, 4);
    }

    public long[] one() {
        return one.clone();
    }

    public static boolean isZero(long[] a, int ai) {
        return (a[ai] | a[ai + 1] | a[ai + 2] | a[ai + 3]) == 0;
    }

    public static boolean eq(long[] a, int ai, long[] b, int bi) {
        return a[ai] == b[bi] && a[ai + 1] == b[bi + 1] && a[ai + 2] == b[bi + 2] && a[ai + 3] == b[bi + 3];
    }

    public static void copy(long[] a, int ai, long[] r, int ri) {
        r[ri] = a[ai];
        r[ri + 1] = a[ai + 1];
        r[ri + 2] = a[ai + 2];
        r[ri + 3] = a[ai + 3];
    }

    /** r = a * b (Montgomery). r may alias a or b. Carries are computed without branches. */
    public void mul(long[] a, int ai, long[] b, int bi, long[] r, int ri) {
        final long a0 = a[ai];
        final long a1 = a[ai + 1];
        final long a2 = a[ai + 2];
        final long a3 = a[ai + 3];
        long t0 = 0;
        long t1 = 0;
        long t2 = 0;
        long t3 = 0;
        for (int i = 0; i < 4; i++) {
            final long bw = b[bi + i];
            // t += a * bw, carry chain c
            long lo = a0 * bw;
            long hi = umulh(a0, bw);
            long s = t0 + lo;
            hi += carry(t0, lo, s);
            t0 = s;
            long c = hi;

            lo = a1 * bw;
            hi = umulh(a1, bw);
            s = t1 + lo;
            hi += carry(t1, lo, s);
            long u = s + c;
            hi += carry(s, c, u);
            t1 = u;
            c = hi;

            lo = a2 * bw;
            hi = umulh(a2, bw);
            s = t2 + lo;
            hi += carry(t2, lo, s);
            u = s + c;
            hi += carry(s, c, u);
            t2 = u;
            c = hi;

            lo = a3 * bw;
            hi = umulh(a3, bw);
            s = t3 + lo;
            hi += carry(t3, lo, s);
            u = s + c;
            hi += carry(s, c, u);
            t3 = u;
            final long t4 = hi;

            // t = (t + m * p) / 2^64
            final long m = t0 * inv;
            lo = m * p0;
            hi = umulh(m, p0);
            s = t0 + lo;
            hi += carry(t0, lo, s);
            c = hi;

            lo = m * p1;
            hi = umulh(m, p1);
            s = t1 + lo;
            hi += carry(t1, lo, s);
            u = s + c;
            hi += carry(s, c, u);
            t0 = u;
            c = hi;

            lo = m * p2;
            hi = umulh(m, p2);
            s = t2 + lo;
            hi += carry(t2, lo, s);
            u = s + c;
            hi += carry(s, c, u);
            t1 = u;
            c = hi;

            lo = m * p3;
            hi = umulh(m, p3);
            s = t3 + lo;
            hi += carry(t3, lo, s);
            u = s + c;
            hi += carry(s, c, u);
            t2 = u;
            t3 = t4 + hi;
        }
        reduceOnce(t0, t1, t2, t3, r, ri);
    }

    /**
     * r = a² (Montgomery), with the six cross products computed once and doubled (10 word products instead of 16),
     * then a separated Montgomery reduction. r may alias a.
     */
    public void sqr(long[] a, int ai, long[] r, int ri) {
        final long a0 = a[ai];
        final long a1 = a[ai + 1];
        final long a2 = a[ai + 2];
        final long a3 = a[ai + 3];
        long lo;
        long hi;
        long s;
        long u;
        long c;
        // cross products a_i·a_j (i < j) into t1..t6
        lo = a0 * a1;
        long t1 = lo;
        c = umulh(a0, a1);
        lo = a0 * a2;
        hi = umulh(a0, a2);
        s = lo + c;
        hi += carry(lo, c, s);
        long t2 = s;
        c = hi;
        lo = a0 * a3;
        hi = umulh(a0, a3);
        s = lo + c;
        hi += carry(lo, c, s);
        long t3 = s;
        long t4 = hi;
        lo = a1 * a2;
        hi = umulh(a1, a2);
        s = t3 + lo;
        hi += carry(t3, lo, s);
        t3 = s;
        c = hi;
        lo = a1 * a3;
        hi = umulh(a1, a3);
        s = t4 + lo;
        hi += carry(t4, lo, s);
        u = s + c;
        hi += carry(s, c, u);
        t4 = u;
        long t5 = hi;
        lo = a2 * a3;
        hi = umulh(a2, a3);
        s = t5 + lo;
        hi += carry(t5, lo, s);
        t5 = s;
        long t6 = hi;
        // doubled
        long t7 = t6 >>> 63;
        t6 = (t6 << 1) | (t5 >>> 63);
        t5 = (t5 << 1) | (t4 >>> 63);
        t4 = (t4 << 1) | (t3 >>> 63);
        t3 = (t3 << 1) | (t2 >>> 63);
        t2 = (t2 << 1) | (t1 >>> 63);
        t1 = t1 << 1;
        // plus the squares a_i² at limbs 2i, 2i + 1
        long t0 = a0 * a0;
        hi = umulh(a0, a0);
        s = t1 + hi;
        c = carry(t1, hi, s);
        t1 = s;
        lo = a1 * a1;
        hi = umulh(a1, a1);
        s = t2 + lo;
        u = s + c;
        c = carry(t2, lo, s) + carry(s, c, u);
        t2 = u;
        s = t3 + hi;
        u = s + c;
        c = carry(t3, hi, s) + carry(s, c, u);
        t3 = u;
        lo = a2 * a2;
        hi = umulh(a2, a2);
        s = t4 + lo;
        u = s + c;
        c = carry(t4, lo, s) + carry(s, c, u);
        t4 = u;
        s = t5 + hi;
        u = s + c;
        c = carry(t5, hi, s) + carry(s, c, u);
        t5 = u;
        lo = a3 * a3;
        hi = umulh(a3, a3);
        s = t6 + lo;
        u = s + c;
        c = carry(t6, lo, s) + carry(s, c, u);
        t6 = u;
        s = t7 + hi;
        u = s + c;
        t7 = u;
        // Montgomery reduction: four rounds of t += m·p·2^(64i), m chosen to clear limb i
        long m0 = t0 * inv;
        lo = m0 * p0;
        hi = umulh(m0, p0);
        s = t0 + lo;
        hi += carry(t0, lo, s);
        c = hi;
        lo = m0 * p1;
        hi = umulh(m0, p1);
        s = t1 + lo;
        hi += carry(t1, lo, s);
        u = s + c;
        hi += carry(s, c, u);
        t1 = u;
        c = hi;
        lo = m0 * p2;
        hi = umulh(m0, p2);
        s = t2 + lo;
        hi += carry(t2, lo, s);
        u = s + c;
        hi += carry(s, c, u);
        t2 = u;
        c = hi;
        lo = m0 * p3;
        hi = umulh(m0, p3);
        s = t3 + lo;
        hi += carry(t3, lo, s);
        u = s + c;
        hi += carry(s, c, u);
        t3 = u;
        c = hi;
        s = t4 + c;
        c = carry(t4, c, s);
        t4 = s;
        s = t5 + c;
        c = carry(t5, c, s);
        t5 = s;
        s = t6 + c;
        c = carry(t6, c, s);
        t6 = s;
        t7 += c;
        long m1 = t1 * inv;
        lo = m1 * p0;
        hi = umulh(m1, p0);
        s = t1 + lo;
        hi += carry(t1, lo, s);
        c = hi;
        lo = m1 * p1;
        hi = umulh(m1, p1);
        s = t2 + lo;
        hi += carry(t2, lo, s);
        u = s + c;
        hi += carry(s, c, u);
        t2 = u;
        c = hi;
        lo = m1 * p2;
        hi = umulh(m1, p2);
        s = t3 + lo;
        hi += carry(t3, lo, s);
        u = s + c;
        hi += carry(s, c, u);
        t3 = u;
        c = hi;
        lo = m1 * p3;
        hi = umulh(m1, p3);
        s = t4 + lo;
        hi += carry(t4, lo, s);
        u = s + c;
        hi += carry(s, c, u);
        t4 = u;
        c = hi;
        s = t5 + c;
        c = carry(t5, c, s);
        t5 = s;
        s = t6 + c;
        c = carry(t6, c, s);
        t6 = s;
        t7 += c;
        long m2 = t2 * inv;
        lo = m2 * p0;
        hi = umulh(m2, p0);
        s = t2 + lo;
        hi += carry(t2, lo, s);
        c = hi;
        lo = m2 * p1;
        hi = umulh(m2, p1);
        s = t3 + lo;
        hi += carry(t3, lo, s);
        u = s + c;
        hi += carry(s, c, u);
        t3 = u;
        c = hi;
        lo = m2 * p2;
        hi = umulh(m2, p2);
        s = t4 + lo;
        hi += carry(t4, lo, s);
        u = s + c;
        hi += carry(s, c, u);
        t4 = u;
        c = hi;
        lo = m2 * p3;
        hi = umulh(m2, p3);
        s = t5 + lo;
        hi += carry(t5, lo, s);
        u = s + c;
        hi += carry(s, c, u);
        t5 = u;
        c = hi;
        s = t6 + c;
        c = carry(t6, c, s);
        t6 = s;
        t7 += c;
        long m3 = t3 * inv;
        lo = m3 * p0;
        hi = umulh(m3, p0);
        s = t3 + lo;
        hi += carry(t3, lo, s);
        c = hi;
        lo = m3 * p1;
        hi = umulh(m3, p1);
        s = t4 + lo;
        hi += carry(t4, lo, s);
        u = s + c;
        hi += carry(s, c, u);
        t4 = u;
        c = hi;
        lo = m3 * p2;
        hi = umulh(m3, p2);
        s = t5 + lo;
        hi += carry(t5, lo, s);
        u = s + c;
        hi += carry(s, c, u);
        t5 = u;
        c = hi;
        lo = m3 * p3;
        hi = umulh(m3, p3);
        s = t6 + lo;
        hi += carry(t6, lo, s);
        u = s + c;
        hi += carry(s, c, u);
        t6 = u;
        c = hi;
        t7 += c;
        reduceOnce(t4, t5, t6, t7, r, ri);
    }

    /** r = a + b mod p. */
    public void add(long[] a, int ai, long[] b, int bi, long[] r, int ri) {
        long x0 = a[ai];
        long y0 = b[bi];
        long s0 = x0 + y0;
        long c = carry(x0, y0, s0);
        long x1 = a[ai + 1];
        long y1 = b[bi + 1];
        long s1 = x1 + y1 + c;
        c = carry(x1, y1, s1);
        long x2 = a[ai + 2];
        long y2 = b[bi + 2];
        long s2 = x2 + y2 + c;
        c = carry(x2, y2, s2);
        long s3 = a[ai + 3] + b[bi + 3] + c; // no overflow: both below 2^254
        reduceOnce(s0, s1, s2, s3, r, ri);
    }

    /** r = a - b mod p. */
    public void sub(long[] a, int ai, long[] b, int bi, long[] r, int ri) {
        long x0 = a[ai];
        long y0 = b[bi];
        long d0 = x0 - y0;
        long br = borrow(x0, y0, d0);
        long x1 = a[ai + 1];
        long y1 = b[bi + 1];
        long d1 = x1 - y1 - br;
        br = borrow(x1, y1, d1);
        long x2 = a[ai + 2];
        long y2 = b[bi + 2];
        long d2 = x2 - y2 - br;
        br = borrow(x2, y2, d2);
        long x3 = a[ai + 3];
        long y3 = b[bi + 3];
        long d3 = x3 - y3 - br;
        br = borrow(x3, y3, d3);
        // add p back when the subtraction borrowed (mask = all ones), without a branch
        long mask = -br;
        long q0 = p0 & mask;
        long q1 = p1 & mask;
        long q2 = p2 & mask;
        long q3 = p3 & mask;
        long e0 = d0 + q0;
        long c = carry(d0, q0, e0);
        long e1 = d1 + q1 + c;
        c = carry(d1, q1, e1);
        long e2 = d2 + q2 + c;
        c = carry(d2, q2, e2);
        r[ri] = e0;
        r[ri + 1] = e1;
        r[ri + 2] = e2;
        r[ri + 3] = d3 + q3 + c;
    }

    public void neg(long[] a, int ai, long[] r, int ri) {
        if (isZero(a, ai)) {
            r[ri] = 0;
            r[ri + 1] = 0;
            r[ri + 2] = 0;
            r[ri + 3] = 0;
            return;
        }
        long[] m = {p0, p1, p2, p3};
        sub(m, 0, a, ai, r, ri);
    }

    public void dbl(long[] a, int ai, long[] r, int ri) {
        add(a, ai, a, ai, r, ri);
    }

    /** r = a^e for a non-negative exponent. */
    public void pow(long[] a, int ai, BigInteger e, long[] r, int ri) {
        long[] acc = one.clone();
        long[] base = {a[ai], a[ai + 1], a[ai + 2], a[ai + 3]};
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            mul(acc, 0, acc, 0, acc, 0);
            if (e.testBit(i)) {
                mul(acc, 0, base, 0, acc, 0);
            }
        }
        copy(acc, 0, r, ri);
    }

    /** r = 1/a; a must be non-zero. Uses BigInteger's inversion (not for tight loops: batch instead). */
    public void inv(long[] a, int ai, long[] r, int ri) {
        if (isZero(a, ai)) {
            throw new ArithmeticException("inverse of zero");
        }
        BigInteger v = toBig(a, ai).modInverse(modulus);
        fromBig(v, r, ri);
    }

    /** Montgomery's batch inversion of n elements stored at a[off + 4i], in place; zeros stay zero. */
    public void batchInv(long[] a, int off, int n) {
        long[] prefix = new long[4 * n];
        long[] acc = one.clone();
        for (int i = 0; i < n; i++) {
            copy(acc, 0, prefix, 4 * i);
            if (!isZero(a, off + 4 * i)) {
                mul(acc, 0, a, off + 4 * i, acc, 0);
            }
        }
        long[] accInv = new long[4];
        inv(acc, 0, accInv, 0);
        long[] tmp = new long[4];
        for (int i = n - 1; i >= 0; i--) {
            int ei = off + 4 * i;
            if (isZero(a, ei)) {
                continue;
            }
            mul(accInv, 0, prefix, 4 * i, tmp, 0);
            mul(accInv, 0, a, ei, accInv, 0);
            copy(tmp, 0, a, ei);
        }
    }

    private void reduceOnce(long t0, long t1, long t2, long t3, long[] r, int ri) {
        // subtract p if t >= p, selecting without a branch
        long d0 = t0 - p0;
        long br = borrow(t0, p0, d0);
        long d1 = t1 - p1 - br;
        br = borrow(t1, p1, d1);
        long d2 = t2 - p2 - br;
        br = borrow(t2, p2, d2);
        long d3 = t3 - p3 - br;
        br = borrow(t3, p3, d3);
        long keep = -br; // all ones: t < p, keep t
        r[ri] = (t0 & keep) | (d0 & ~keep);
        r[ri + 1] = (t1 & keep) | (d1 & ~keep);
        r[ri + 2] = (t2 & keep) | (d2 & ~keep);
        r[ri + 3] = (t3 & keep) | (d3 & ~keep);
    }

    /** Carry out of x + y (+ carry in) = s. */
    private static long carry(long x, long y, long s) {
        return ((x & y) | ((x | y) & ~s)) >>> 63;
    }

    /** Borrow out of x − y (− borrow in) = d. */
    private static long borrow(long x, long y, long d) {
        return ((~x & y) | (~(x ^ y) & d)) >>> 63;
    }

    private static long umulh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
