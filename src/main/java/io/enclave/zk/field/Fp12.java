package io.enclave.zk.field;

import java.math.BigInteger;

/**
 * An immutable element c0 + c1·w of Fp12 = Fp6[w]/(w² − v), the target group's field of the BN254 pairing.
 * Writing it as Σ a_k·w^k (k = 0..5, a_k in Fp2, v = w²), the Frobenius map is a_k ↦ conj(a_k)·ξ^(k(p−1)/6).
 */
public final class Fp12 {
    public static final Fp12 ONE = new Fp12(Fp6.ONE, Fp6.ZERO);
    private static final Fp2[] FROBENIUS = frobeniusCoefficients();

    final Fp6 c0;
    final Fp6 c1;

    public Fp12(Fp6 c0, Fp6 c1) {
        this.c0 = c0;
        this.c1 = c1;
    }

    public Fp12 mul(Fp12 o) {
        Fp6 t0 = c0.mul(o.c0);
        Fp6 t1 = c1.mul(o.c1);
        Fp6 r1 = c0.add(c1).mul(o.c0.add(o.c1)).sub(t0).sub(t1);
        return new Fp12(t0.add(t1.mulV()), r1);
    }

    public Fp12 sqr() {
        Fp6 ab = c0.mul(c1);
        Fp6 r0 = c0.add(c1).mul(c0.add(c1.mulV())).sub(ab).sub(ab.mulV());
        return new Fp12(r0, ab.add(ab));
    }

    /** The conjugate c0 − c1·w, which is f^(p^6). */
    public Fp12 conjugate() {
        return new Fp12(c0, c1.neg());
    }

    public Fp12 inverse() {
        Fp6 t = c0.sqr().sub(c1.sqr().mulV());
        Fp6 inv = t.inverse();
        return new Fp12(c0.mul(inv), c1.mul(inv).neg());
    }

    /** f^(p^power) for power ≥ 0. */
    public Fp12 frobenius(int power) {
        Fp12 r = this;
        for (int i = 0; i < power; i++) {
            r = r.frobeniusOnce();
        }
        return r;
    }

    private Fp12 frobeniusOnce() {
        Fp2[] k = coefficients();
        Fp2[] out = new Fp2[6];
        for (int i = 0; i < 6; i++) {
            out[i] = k[i].conjugate().mul(FROBENIUS[i]);
        }
        return fromCoefficients(out);
    }

    public Fp12 pow(BigInteger e) {
        Fp12 acc = ONE;
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            acc = acc.sqr();
            if (e.testBit(i)) {
                acc = acc.mul(this);
            }
        }
        return acc;
    }

    /** The coefficients a_0..a_5 of Σ a_k w^k. */
    Fp2[] coefficients() {
        return new Fp2[] {c0.a, c1.a, c0.b, c1.b, c0.c, c1.c};
    }

    static Fp12 fromCoefficients(Fp2[] k) {
        return new Fp12(new Fp6(k[0], k[2], k[4]), new Fp6(k[1], k[3], k[5]));
    }

    /** A sparse line value c0 + a1·w + b1·w³, with c0 in Fp (Montgomery limbs). */
    public static Fp12 line(long[] c0, Fp2 a1, Fp2 b1) {
        return new Fp12(new Fp6(new Fp2(c0, new long[4]), Fp2.ZERO, Fp2.ZERO), new Fp6(a1, b1, Fp2.ZERO));
    }

    public boolean isOne() {
        return equals(ONE);
    }

    private static Fp2[] frobeniusCoefficients() {
        BigInteger pm1over6 = MontField.FP.modulus().subtract(BigInteger.ONE).divide(BigInteger.valueOf(6));
        Fp2[] g = new Fp2[6];
        for (int k = 0; k < 6; k++) {
            g[k] = Fp2.XI.pow(pm1over6.multiply(BigInteger.valueOf(k)));
        }
        return g;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp12 && c0.equals(((Fp12) o).c0) && c1.equals(((Fp12) o).c1);
    }

    @Override
    public int hashCode() {
        return c0.hashCode() * 31 + c1.hashCode();
    }
}
