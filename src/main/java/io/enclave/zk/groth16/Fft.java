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
        transform(a, power, ROOTS[power]);
    }

    /** In-place inverse transform. */
    static void ifft(long[] a, int power) {
        long[] inv = new long[4];
        FR.inv(ROOTS[power], 0, inv, 0);
        transform(a, power, inv);
        int n = 1 << power;
        long[] nInv = FR.fromBig(BigInteger.valueOf(n).modInverse(FR.modulus()));
        for (int i = 0; i < n; i++) {
            FR.mul(a, 4 * i, nInv, 0, a, 4 * i);
        }
    }

    /** a[i] ← a[i]·g^i. */
    static void scaleByPowers(long[] a, int n, long[] g) {
        long[] acc = FR.one();
        for (int i = 0; i < n; i++) {
            FR.mul(a, 4 * i, acc, 0, a, 4 * i);
            FR.mul(acc, 0, g, 0, acc, 0);
        }
    }

    private static void transform(long[] a, int power, long[] omega) {
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
        long[] twiddles = new long[4 * Math.max(1, n / 2)];
        long[] t = new long[4];
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            // ω_len = ω^(n/len)
            long[] wl = {omega[0], omega[1], omega[2], omega[3]};
            for (int s = len; s < n; s <<= 1) {
                FR.mul(wl, 0, wl, 0, wl, 0);
            }
            FR.setOne(twiddles, 0);
            for (int k = 1; k < half; k++) {
                FR.mul(twiddles, 4 * (k - 1), wl, 0, twiddles, 4 * k);
            }
            for (int start = 0; start < n; start += len) {
                for (int k = 0; k < half; k++) {
                    int u = 4 * (start + k);
                    int v = 4 * (start + k + half);
                    FR.mul(a, v, twiddles, 4 * k, t, 0);
                    FR.sub(a, u, t, 0, a, v);
                    FR.add(a, u, t, 0, a, u);
                }
            }
        }
    }
}
