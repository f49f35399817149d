package io.enclave.zk.groth16;

import io.enclave.zk.curve.JacobianOps;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Pippenger multi-scalar multiplication Σ kᵢ·Pᵢ over affine bases (flat Montgomery arrays, (0, 0) = infinity) and
 * plain little-endian scalars. Zero scalars are skipped and scalars equal to one (most of a circom witness: bits)
 * are summed directly; the rest go through bucket windows, split across threads by window.
 */
final class Msm {
    private Msm() {
    }

    /**
     * @param bases    affine points, {@code ops.affineWidth()} longs each, starting at point index {@code baseStart}
     * @param scalars  plain scalars, 4 longs each, starting at scalar index {@code scalarStart}
     * @param n        number of terms
     * @return the sum as a Jacobian point
     */
    static long[] msm(Supplier<JacobianOps> opsFactory, long[] bases, int baseStart, long[] scalars, int scalarStart,
                      int n, int threads) {
        JacobianOps ops = opsFactory.get();
        int aw = ops.affineWidth();
        int jw = ops.jacobianWidth();
        int[] idx = new int[n];
        int m = 0;
        long[] ones = new long[jw];
        ops.setInfinity(ones, 0);
        for (int i = 0; i < n; i++) {
            int s = 4 * (scalarStart + i);
            long l0 = scalars[s];
            long l1 = scalars[s + 1];
            long l2 = scalars[s + 2];
            long l3 = scalars[s + 3];
            if ((l1 | l2 | l3) == 0 && (l0 == 0 || l0 == 1)) {
                if (l0 == 1) {
                    ops.addAffine(ones, 0, bases, aw * (baseStart + i));
                }
                continue;
            }
            idx[m++] = i;
        }
        long[] result = new long[jw];
        ops.setInfinity(result, 0);
        if (m > 0) {
            int c = windowBits(m);
            int windows = (254 + c - 1) / c;
            long[] windowSums = new long[windows * jw];
            int t = Math.max(1, Math.min(threads, windows));
            final int count = m;
            IntStream.range(0, t).parallel().forEach(th -> {
                JacobianOps local = opsFactory.get();
                long[] buckets = new long[((1 << c) - 1) * jw];
                long[] running = new long[jw];
                for (int w = th; w < windows; w += t) {
                    window(local, bases, baseStart, scalars, scalarStart, idx, count, c, w, buckets, running, windowSums);
                }
            });
            ops.copy(windowSums, (windows - 1) * jw, result, 0);
            for (int w = windows - 2; w >= 0; w--) {
                for (int k = 0; k < c; k++) {
                    ops.dbl(result, 0);
                }
                ops.add(result, 0, windowSums, w * jw);
            }
        }
        ops.add(result, 0, ones, 0);
        return result;
    }

    private static void window(JacobianOps ops, long[] bases, int baseStart, long[] scalars, int scalarStart, int[] idx,
                               int m, int c, int w, long[] buckets, long[] running, long[] windowSums) {
        int jw = ops.jacobianWidth();
        int aw = ops.affineWidth();
        int nb = (1 << c) - 1;
        for (int b = 0; b < nb; b++) {
            ops.setInfinity(buckets, b * jw);
        }
        int bit = w * c;
        int limb = bit >>> 6;
        int shift = bit & 63;
        long mask = (1L << c) - 1;
        for (int k = 0; k < m; k++) {
            int i = idx[k];
            int s = 4 * (scalarStart + i);
            long d = scalars[s + limb] >>> shift;
            if (shift + c > 64 && limb < 3) {
                d |= scalars[s + limb + 1] << (64 - shift);
            }
            int digit = (int) (d & mask);
            if (digit != 0) {
                ops.addAffine(buckets, (digit - 1) * jw, bases, aw * (baseStart + i));
            }
        }
        ops.setInfinity(running, 0);
        int out = w * jw;
        ops.setInfinity(windowSums, out);
        for (int b = nb - 1; b >= 0; b--) {
            ops.add(running, 0, buckets, b * jw);
            ops.add(windowSums, out, running, 0);
        }
    }

    /** The window size minimising ⌈254/c⌉·(m + 2^(c+1)). */
    static int windowBits(int m) {
        int best = 1;
        double bestCost = Double.MAX_VALUE;
        for (int c = 2; c <= 16; c++) {
            double cost = Math.ceil(254.0 / c) * (m + Math.pow(2, c + 1));
            if (cost < bestCost) {
                bestCost = cost;
                best = c;
            }
        }
        return best;
    }
}
