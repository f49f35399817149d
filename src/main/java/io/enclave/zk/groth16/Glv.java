package io.enclave.zk.groth16;

import io.enclave.zk.curve.Bn254;
import io.enclave.zk.curve.JacobianOps;
import io.enclave.zk.field.MontField;
import java.math.BigInteger;

/**
 * The GLV endomorphism of BN254: φ(x, y) = (β·x, y) with β a cube root of unity in Fp equals multiplication by λ,
 * a cube root of unity modulo r, on G1 and on the order-r subgroup of the twist (G2). A scalar k splits into
 * k ≡ k₁ + k₂·λ (mod r) with |k₁|, |k₂| below 2^{@link #BITS}, so an MSM over n full scalars becomes one over 2n
 * half-length scalars: half the windows, half the bucket reductions.
 *
 * <p>The lattice basis {(a₁, b₁), (a₂, b₂)} (aᵢ + bᵢλ ≡ 0 mod r, both about √r long) comes from the extended Euclidean
 * algorithm on (r, λ) at class initialisation; β for each group is the cube root whose map agrees with [λ] on the
 * group's generator. The decomposition runs on 64-bit limbs modulo 2^256 (no BigInteger per scalar): with
 * cᵢ = ⌊k·gᵢ / 2^256⌋ and gᵢ = ⌊2^256·|bⱼ| / r⌋, (k₁, k₂) = (k, 0) − c₁v₁ − c₂v₂ = δ·V for |δᵢ| &lt; 2, hence the
 * bound 2(|a₁| + |a₂|), 2(|b₁| + |b₂|). Every result is checked against the bound (a failure would be a bug here,
 * never bad input).
 */
final class Glv {
    private static final BigInteger R = Bn254.R;
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
    /** λ: a non-trivial cube root of unity modulo r. */
    static final BigInteger LAMBDA = cubeRoot(R);
    /** Magnitudes of k₁ and k₂ are below 2^BITS. */
    static final int BITS;
    private static final long[] G1C;
    private static final long[] G2C;
    private static final long[] A1;
    private static final long[] A2;
    private static final long[] B1;
    private static final long[] B2;
    /** β (Montgomery, Fp) for G1 and for G2 such that (β·x, y) = λ·(x, y). */
    private static final long[] BETA_G1;
    private static final long[] BETA_G2;

    static {
        BigInteger[][] v = basis(R, LAMBDA);
        BigInteger a1 = v[0][0];
        BigInteger b1 = v[0][1];
        BigInteger a2 = v[1][0];
        BigInteger b2 = v[1][1];
        BigInteger det = a1.multiply(b2).subtract(a2.multiply(b1));
        if (!det.abs().equals(R)) {
            throw new IllegalStateException("GLV basis does not span the lattice (det " + det + ")");
        }
        // (k, 0)·V⁻¹ = (k·b₂/det, −k·b₁/det): magnitudes gᵢ/2^256, signs σᵢ
        int sigma1 = b2.signum() * det.signum();
        int sigma2 = -b1.signum() * det.signum();
        G1C = limbs(TWO_256.multiply(b2.abs()).divide(R));
        G2C = limbs(TWO_256.multiply(b1.abs()).divide(R));
        // k₁ = k − σ₁c₁a₁ − σ₂c₂a₂, k₂ = −σ₁c₁b₁ − σ₂c₂b₂, with the constants stored mod 2^256
        A1 = limbs(a1.multiply(BigInteger.valueOf(-sigma1)).mod(TWO_256));
        A2 = limbs(a2.multiply(BigInteger.valueOf(-sigma2)).mod(TWO_256));
        B1 = limbs(b1.multiply(BigInteger.valueOf(-sigma1)).mod(TWO_256));
        B2 = limbs(b2.multiply(BigInteger.valueOf(-sigma2)).mod(TWO_256));
        BigInteger bound = a1.abs().add(a2.abs()).max(b1.abs().add(b2.abs())).shiftLeft(1);
        BITS = bound.bitLength();
        BigInteger p = Bn254.P;
        BigInteger beta = cubeRoot(p);
        BETA_G1 = betaFor(Bn254.g1Ops(), Bn254.G1_GENERATOR, beta, p);
        BETA_G2 = betaFor(Bn254.g2Ops(), Bn254.G2_GENERATOR, beta, p);
    }

    private Glv() {
    }

    /**
     * Splits the plain scalar {@code scalars[si..si+4)} (below 2^256) into |k₁| at {@code out[oi..oi+4)} and |k₂| at
     * {@code out[oi+4..oi+8)}; returns bit 0 set when k₁ is negative, bit 1 when k₂ is.
     */
    static int decompose(long[] scalars, int si, long[] out, int oi) {
        long[] k = {scalars[si], scalars[si + 1], scalars[si + 2], scalars[si + 3]};
        long[] c1 = mulHigh256(k, G1C);
        long[] c2 = mulHigh256(k, G2C);
        long[] k1 = k;
        addMulLow(k1, c1, A1);
        addMulLow(k1, c2, A2);
        long[] k2 = new long[4];
        addMulLow(k2, c1, B1);
        addMulLow(k2, c2, B2);
        int signs = 0;
        if (k1[3] < 0) {
            negate(k1);
            signs |= 1;
        }
        if (k2[3] < 0) {
            negate(k2);
            signs |= 2;
        }
        if (bitLength(k1) > BITS || bitLength(k2) > BITS) {
            throw new IllegalStateException("GLV decomposition out of its bound: a bug in Glv");
        }
        System.arraycopy(k1, 0, out, oi, 4);
        System.arraycopy(k2, 0, out, oi + 4, 4);
        return signs;
    }

    /** dst = φ(src) = (β·x, y) for an affine point of {@code ops}' group (G1: 8 longs, G2: 16); infinity stays (0, 0). */
    static void endomorphism(JacobianOps ops, long[] src, int si, long[] dst, int di) {
        int w = ops.field().width();
        long[] beta = w == 4 ? BETA_G1 : BETA_G2;
        for (int i = 0; i < w; i += 4) {
            MontField.FP.mul(src, si + i, beta, 0, dst, di + i);
        }
        System.arraycopy(src, si + w, dst, di + w, w);
    }

    /** The bit length of the unsigned 4-limb value a. */
    private static int bitLength(long[] a) {
        for (int i = 3; i >= 0; i--) {
            if (a[i] != 0) {
                return 64 * i + 64 - Long.numberOfLeadingZeros(a[i]);
            }
        }
        return 0;
    }

    /** ⌊a·b / 2^256⌋ for unsigned 4-limb a and b (the result fits in 4 limbs). */
    private static long[] mulHigh256(long[] a, long[] b) {
        long[] t = new long[8];
        for (int i = 0; i < 4; i++) {
            long carry = 0;
            for (int j = 0; j < 4; j++) {
                long lo = a[i] * b[j];
                long hi = unsignedMultiplyHigh(a[i], b[j]);
                long s = t[i + j] + lo;
                hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
                long u = s + carry;
                hi += Long.compareUnsigned(u, s) < 0 ? 1 : 0;
                t[i + j] = u;
                carry = hi;
            }
            t[i + 4] = carry;
        }
        return new long[] {t[4], t[5], t[6], t[7]};
    }

    /** acc += a·b mod 2^256 (unsigned 4-limb values). */
    private static void addMulLow(long[] acc, long[] a, long[] b) {
        for (int i = 0; i < 4; i++) {
            long carry = 0;
            for (int j = 0; i + j < 4; j++) {
                long lo = a[i] * b[j];
                long hi = unsignedMultiplyHigh(a[i], b[j]);
                long s = acc[i + j] + lo;
                hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
                long u = s + carry;
                hi += Long.compareUnsigned(u, s) < 0 ? 1 : 0;
                acc[i + j] = u;
                carry = hi;
            }
        }
    }

    /** a = −a mod 2^256. */
    private static void negate(long[] a) {
        long carry = 1;
        for (int i = 0; i < 4; i++) {
            long x = ~a[i] + carry;
            carry = carry == 1 && x == 0 ? 1 : 0;
            a[i] = x;
        }
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    private static long[] limbs(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 256) {
            throw new IllegalStateException("GLV constant out of range");
        }
        return MontField.limbs(v);
    }

    /** A non-trivial cube root of unity modulo the prime q (q ≡ 1 mod 3): g^((q−1)/3) for the first g giving one. */
    private static BigInteger cubeRoot(BigInteger q) {
        BigInteger e = q.subtract(BigInteger.ONE).divide(BigInteger.valueOf(3));
        for (int g = 2; ; g++) {
            BigInteger c = BigInteger.valueOf(g).modPow(e, q);
            if (!c.equals(BigInteger.ONE)) {
                return c;
            }
        }
    }

    /**
     * Two short vectors (a, b) with a + b·λ ≡ 0 (mod r) from the extended Euclidean algorithm on (r, λ)
     * (Gallant–Lambert–Vanstone): the remainders rᵢ satisfy rᵢ ≡ tᵢ·λ, so (rᵢ, −tᵢ) lies in the lattice.
     */
    static BigInteger[][] basis(BigInteger r, BigInteger lambda) {
        BigInteger sqrt = r.sqrt();
        BigInteger r0 = r;
        BigInteger r1 = lambda;
        BigInteger t0 = BigInteger.ZERO;
        BigInteger t1 = BigInteger.ONE;
        // advance until r1 is the first remainder below √r; r0 is then the last one at or above it
        while (r1.compareTo(sqrt) >= 0) {
            BigInteger q = r0.divide(r1);
            BigInteger r2 = r0.subtract(q.multiply(r1));
            BigInteger t2 = t0.subtract(q.multiply(t1));
            r0 = r1;
            r1 = r2;
            t0 = t1;
            t1 = t2;
        }
        BigInteger q = r0.divide(r1);
        BigInteger r2 = r0.subtract(q.multiply(r1));
        BigInteger t2 = t0.subtract(q.multiply(t1));
        BigInteger[] v1 = {r1, t1.negate()};
        BigInteger[] vl = {r0, t0.negate()};
        BigInteger[] vl2 = {r2, t2.negate()};
        BigInteger[] v2 = norm(vl).compareTo(norm(vl2)) <= 0 ? vl : vl2;
        return new BigInteger[][] {v1, v2};
    }

    private static BigInteger norm(BigInteger[] v) {
        return v[0].multiply(v[0]).add(v[1].multiply(v[1]));
    }

    /** β or β², whichever makes (β·x, y) equal λ·G on the group's generator. */
    private static long[] betaFor(JacobianOps ops, long[] generator, BigInteger beta, BigInteger p) {
        long[] expected = new long[ops.jacobianWidth()];
        ops.mulAffine(generator, 0, LAMBDA, expected, 0);
        long[] expectedAffine = new long[ops.affineWidth()];
        ops.toAffine(expected, 0, expectedAffine, 0);
        for (BigInteger b : new BigInteger[] {beta, beta.multiply(beta).mod(p)}) {
            long[] bm = MontField.FP.fromBig(b);
            long[] image = generator.clone();
            for (int i = 0; i < ops.field().width(); i += 4) {
                MontField.FP.mul(generator, i, bm, 0, image, i);
            }
            if (java.util.Arrays.equals(image, expectedAffine)) {
                return bm;
            }
        }
        throw new IllegalStateException("no cube root of unity in Fp acts as λ on this group");
    }
}
