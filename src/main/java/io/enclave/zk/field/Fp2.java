package io.enclave.zk.field;

import java.math.BigInteger;

/** An immutable element c0 + c1·u of Fp2 = Fp[u]/(u² + 1) over the BN254 base field (Montgomery limbs). */
public final class Fp2 {
    private static final MontField F = MontField.FP;
    public static final Fp2 ZERO = new Fp2(new long[4], new long[4]);
    public static final Fp2 ONE = new Fp2(F.one(), new long[4]);
    /** ξ = 9 + u, the non-residue of the sextic twist. */
    public static final Fp2 XI = of(BigInteger.valueOf(9), BigInteger.ONE);

    final long[] c0;
    final long[] c1;

    Fp2(long[] c0, long[] c1) {
        this.c0 = c0;
        this.c1 = c1;
    }

    public static Fp2 of(BigInteger c0, BigInteger c1) {
        return new Fp2(F.fromBig(c0), F.fromBig(c1));
    }

    /** From Montgomery limbs at the given offsets (copied). */
    public static Fp2 fromMont(long[] a, int c0Off, int c1Off) {
        return new Fp2(new long[] {a[c0Off], a[c0Off + 1], a[c0Off + 2], a[c0Off + 3]},
                new long[] {a[c1Off], a[c1Off + 1], a[c1Off + 2], a[c1Off + 3]});
    }

    public void toMont(long[] r, int c0Off, int c1Off) {
        MontField.copy(c0, 0, r, c0Off);
        MontField.copy(c1, 0, r, c1Off);
    }

    public BigInteger real() {
        return F.toBig(c0);
    }

    public BigInteger imaginary() {
        return F.toBig(c1);
    }

    public boolean isZero() {
        return MontField.isZero(c0, 0) && MontField.isZero(c1, 0);
    }

    public Fp2 add(Fp2 o) {
        long[] a = new long[4];
        long[] b = new long[4];
        F.add(c0, 0, o.c0, 0, a, 0);
        F.add(c1, 0, o.c1, 0, b, 0);
        return new Fp2(a, b);
    }

    public Fp2 sub(Fp2 o) {
        long[] a = new long[4];
        long[] b = new long[4];
        F.sub(c0, 0, o.c0, 0, a, 0);
        F.sub(c1, 0, o.c1, 0, b, 0);
        return new Fp2(a, b);
    }

    public Fp2 neg() {
        long[] a = new long[4];
        long[] b = new long[4];
        F.neg(c0, 0, a, 0);
        F.neg(c1, 0, b, 0);
        return new Fp2(a, b);
    }

    public Fp2 dbl() {
        return add(this);
    }

    public Fp2 mul(Fp2 o) {
        long[] t0 = new long[4];
        long[] t1 = new long[4];
        long[] s = new long[4];
        long[] u = new long[4];
        F.mul(c0, 0, o.c0, 0, t0, 0);
        F.mul(c1, 0, o.c1, 0, t1, 0);
        F.add(c0, 0, c1, 0, s, 0);
        F.add(o.c0, 0, o.c1, 0, u, 0);
        F.mul(s, 0, u, 0, s, 0);
        F.sub(s, 0, t0, 0, s, 0);
        F.sub(s, 0, t1, 0, s, 0);
        F.sub(t0, 0, t1, 0, t0, 0);
        return new Fp2(t0, s);
    }

    /** Multiplication by an element of the base field (Montgomery limbs). */
    public Fp2 mulFp(long[] k) {
        long[] a = new long[4];
        long[] b = new long[4];
        F.mul(c0, 0, k, 0, a, 0);
        F.mul(c1, 0, k, 0, b, 0);
        return new Fp2(a, b);
    }

    public Fp2 sqr() {
        return mul(this);
    }

    /** Multiplication by ξ = 9 + u. */
    public Fp2 mulXi() {
        return mul(XI);
    }

    public Fp2 conjugate() {
        long[] b = new long[4];
        F.neg(c1, 0, b, 0);
        return new Fp2(c0.clone(), b);
    }

    public Fp2 inverse() {
        long[] n = new long[4];
        long[] t = new long[4];
        F.sqr(c0, 0, n, 0);
        F.sqr(c1, 0, t, 0);
        F.add(n, 0, t, 0, n, 0);
        F.inv(n, 0, n, 0);
        long[] a = new long[4];
        long[] b = new long[4];
        F.mul(c0, 0, n, 0, a, 0);
        F.mul(c1, 0, n, 0, b, 0);
        F.neg(b, 0, b, 0);
        return new Fp2(a, b);
    }

    public Fp2 pow(BigInteger e) {
        Fp2 acc = ONE;
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            acc = acc.sqr();
            if (e.testBit(i)) {
                acc = acc.mul(this);
            }
        }
        return acc;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp2 && MontField.eq(c0, 0, ((Fp2) o).c0, 0) && MontField.eq(c1, 0, ((Fp2) o).c1, 0);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(c0[0] ^ c1[0]);
    }

    @Override
    public String toString() {
        return "(" + real() + " + " + imaginary() + "u)";
    }
}
