package io.enclave.zk.groth16;

import io.enclave.zk.field.MontField;
import java.math.BigInteger;

/**
 * Radix-2 number-theoretic transforms over the BN254 scalar field on flat Montgomery arrays, with the same roots of
 * unity as snarkjs (ffjavascript): w[28] = 5^((r−1)/2^28), w[k] = w[k+1]².
 */
final class Fft {
    private static final MontField FR = MontField.FR;
    static final int MAX_POWER = 28;
    private static final long[][] ROOTS = roots();
    private static final java.util.concurrent.atomic.AtomicReferenceArray<Tables> TABLES =
            new java.util.concurrent.atomic.AtomicReferenceArray<>(MAX_POWER);

    private Fft() {
    }

    private static long[][] roots() {
        BigInteger r = FR.modulus();
        BigInteger t = r.subtract(BigInteger.ONE).shiftRight(MAX_POWER);
        long[][] w = new long[MAX_POWER + 1][];
        w[MAX_POWER] = FR.fromBig(BigInteger.valueOf(5).modPow(t, r));
        for (int k = MAX_POWER - 1; k >= 0; k--) {
            w[k] = new long[4];
            FR.mul(w[k + 1], 0, w[k + 1], 0, w[k], 0);
        }
        return w;
    }

    /** A primitive 2^k-th root of unity (Montgomery). */
    static long[] root(int k) {
        return ROOTS[k].clone();
    }

    /** In-place forward transform of n = 2^power values: a[i] ← Σ_j a[j]·ω^(ij). */
    static void fft(long[] a, int power) {
        transform(a, power, tables(power).forward);
    }

    /** In-place inverse transform. */
    static void ifft(long[] a, int power) {
        Tables t = tables(power);
        transform(a, power, t.inverse);
        int n = 1 << power;
        for (int i = 0; i < n; i++) {
            FR.mul(a, 4 * i, t.nInv, 0, a, 4 * i);
        }
    }

    /**
     * Evaluations on the domain → evaluations on the odd coset g·⟨ω⟩, g = ω_(2n) (snarkjs's buffPodd_T): an inverse
     * transform, the coefficients scaled by g^i/n from a table (one multiplication each), a forward transform.
     */
    static void toOddCoset(long[] a, int power) {
        Tables t = tables(power);
        transform(a, power, t.inverse);
        int n = 1 << power;
        for (int i = 0; i < n; i++) {
            FR.mul(a, 4 * i, t.coset, 4 * i, a, 4 * i);
        }
        transform(a, power, t.forward);
    }

    /** a[i] ← a[i]·g^i. */
    static void scaleByPowers(long[] a, int n, long[] g) {
        long[] acc = FR.one();
        for (int i = 0; i < n; i++) {
            FR.mul(a, 4 * i, acc, 0, a, 4 * i);
            FR.mul(acc, 0, g, 0, acc, 0);
        }
    }

    /** The twiddles ω^k and ω^(−k) (k &lt; n/2), 1/n and the coset factors g^i/n of one domain size, built once. */
    private static final class Tables {
        final long[] forward;
        final long[] inverse;
        final long[] nInv;
        final long[] coset;

        Tables(int power) {
            int n = 1 << power;
            int half = Math.max(1, n / 2);
            long[] omega = ROOTS[power];
            long[] omegaInv = new long[4];
            FR.inv(omega, 0, omegaInv, 0);
            forward = powers(omega, half, FR.one());
            inverse = powers(omegaInv, half, FR.one());
            nInv = FR.fromBig(BigInteger.valueOf(n).modInverse(FR.modulus()));
            coset = powers(ROOTS[power + 1], n, nInv);
        }

        /** first·g^i for i &lt; count, flat. */
        private static long[] powers(long[] g, int count, long[] first) {
            long[] out = new long[4 * count];
            System.arraycopy(first, 0, out, 0, 4);
            for (int i = 1; i < count; i++) {
                FR.mul(out, 4 * (i - 1), g, 0, out, 4 * i);
            }
            return out;
        }
    }

    private static Tables tables(int power) {
        if (power < 0 || power >= MAX_POWER) {
            throw new IllegalArgumentException("domain 2^" + power + " is outside 2^0 … 2^" + (MAX_POWER - 1));
        }
        Tables t = TABLES.get(power);
        if (t == null) {
            t = new Tables(power);
            TABLES.compareAndSet(power, null, t);
        }
        return t;
    }

    /** In place: bit-reversal permutation, then radix-2 butterflies with twiddles[k·n/len] = ω^(k·n/len). */
    private static void transform(long[] a, int power, long[] twiddles) {
        int n = 1 << power;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                for (int k = 0; k < 4; k++) {
                    long tmp = a[4 * i + k];
                    a[4 * i + k] = a[4 * j + k];
                    a[4 * j + k] = tmp;
                }
            }
        }
        long[] t = new long[4];
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            int stride = 4 * (n / len);
            for (int start = 0; start < n; start += len) {
                for (int k = 0, tw = 0; k < half; k++, tw += stride) {
                    int u = 4 * (start + k);
                    int v = 4 * (start + k + half);
                    FR.mul(a, v, twiddles, tw, t, 0);
                    FR.sub(a, u, t, 0, a, v);
                    FR.add(a, u, t, 0, a, u);
                }
            }
        }
    }
}
