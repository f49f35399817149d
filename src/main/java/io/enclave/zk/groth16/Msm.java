package io.enclave.zk.groth16;

import io.enclave.zk.curve.JacobianOps;
import io.enclave.zk.field.FieldOps;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Pippenger multi-scalar multiplication Σ kᵢ·Pᵢ over affine bases (flat Montgomery arrays, (0, 0) = infinity) and
 * plain little-endian scalars.
 *
 * <ul>
 *   <li>Zero scalars and infinite bases are skipped; scalars equal to one (most of a circom witness: bits) are summed
 *       directly.</li>
 *   <li>Signed window digits in [−2^(c−1), 2^(c−1)]: a negative digit adds −P to bucket |d|, so a window needs
 *       2^(c−1) buckets instead of 2^c − 1.</li>
 *   <li>Batch-affine bucket accumulation: the points of one window are sorted by bucket and each bucket's list is
 *       halved per round by affine additions that share one field inversion per round (Montgomery's trick), about
 *       6 multiplications per addition instead of 11 for a mixed Jacobian addition.</li>
 *   <li>Optionally GLV: each scalar splits into two of about 128 bits over P and φ(P) = λ·P ({@link Glv}), which
 *       halves the windows and the bucket reductions (the batch-affine additions stay as many).</li>
 *   <li>The window size comes from a cost model over the scalars' bit lengths (most witness values are short).</li>
 *   <li>Windows are shared out dynamically among {@code threads} workers.</li>
 * </ul>
 */
final class Msm {
    private Msm() {
    }

    /**
     * @param bases    affine points, {@code ops.affineWidth()} longs each, starting at point index {@code baseStart}
     * @param scalars  plain scalars (below 2^254), 4 longs each, starting at scalar index {@code scalarStart}
     * @param n        number of terms
     * @return the sum as a Jacobian point
     */
    static long[] msm(Supplier<JacobianOps> opsFactory, long[] bases, int baseStart, long[] scalars, int scalarStart,
                      int n, int threads) {
        return msm(opsFactory, bases, baseStart, scalars, scalarStart, n, threads, false);
    }

    /**
     * As above; {@code glv} true splits every scalar with the endomorphism ({@link Glv}). The prover uses it for H
     * (8,192 dense scalars: ~10 % less CPU) but not for the witness MSMs, where it measured up to 25 % slower
     * (ProverPhaseBench, docs/BENCHMARKS.md).
     */
    static long[] msm(Supplier<JacobianOps> opsFactory, long[] bases, int baseStart, long[] scalars, int scalarStart,
                      int n, int threads, boolean glv) {
        JacobianOps ops = opsFactory.get();
        int aw = ops.affineWidth();
        int jw = ops.jacobianWidth();
        int[] idx = new int[n];
        int m = 0;
        long[] result = new long[jw];
        ops.setInfinity(result, 0);
        for (int i = 0; i < n; i++) {
            int s = 4 * (scalarStart + i);
            long l0 = scalars[s];
            if ((scalars[s + 1] | scalars[s + 2] | scalars[s + 3]) == 0 && (l0 == 0 || l0 == 1)) {
                if (l0 == 1) {
                    ops.addAffine(result, 0, bases, aw * (baseStart + i));
                }
                continue;
            }
            if (!ops.isAffineInfinity(bases, aw * (baseStart + i))) {
                idx[m++] = i;
            }
        }
        if (m == 0) {
            return result;
        }
        long[] termBases = bases;
        int termBaseStart = baseStart;
        long[] termScalars = scalars;
        int termScalarStart = scalarStart;
        int bits = 254;
        int count = m;
        if (glv) {
            // k·P = |k₁|·(±P) + |k₂|·(±φ(P)): twice the terms, half the scalar length
            count = 2 * m;
            bits = Glv.BITS;
            termBases = new long[count * aw];
            termScalars = new long[4 * count];
            FieldOps f = ops.field();
            int w = f.width();
            for (int k = 0; k < m; k++) {
                int src = aw * (baseStart + idx[k]);
                int signs = Glv.decompose(scalars, 4 * (scalarStart + idx[k]), termScalars, 8 * k);
                int p = 2 * k * aw;
                System.arraycopy(bases, src, termBases, p, aw);
                Glv.endomorphism(ops, bases, src, termBases, p + aw);
                if ((signs & 1) != 0) {
                    f.neg(termBases, p + w, termBases, p + w);
                }
                if ((signs & 2) != 0) {
                    f.neg(termBases, p + aw + w, termBases, p + aw + w);
                }
            }
            idx = new int[count];
            for (int k = 0; k < count; k++) {
                idx[k] = k;
            }
            termBaseStart = 0;
            termScalarStart = 0;
        }
        int c = windowBits(bitLengths(termScalars, termScalarStart, idx, count), bits);
        int windows = (bits + c) / c;
        short[] digits = signedDigits(termScalars, termScalarStart, idx, count, c, windows);
        long[] windowSums = new long[windows * jw];
        int t = Math.max(1, Math.min(threads, windows));
        AtomicInteger next = new AtomicInteger(windows);
        final int terms = count;
        final long[] src = termBases;
        final int srcStart = termBaseStart;
        final int[] order = idx;
        IntStream.range(0, t).parallel().forEach(th -> {
            Window win = new Window(opsFactory.get(), terms, c);
            for (int w = next.decrementAndGet(); w >= 0; w = next.decrementAndGet()) {
                win.sum(src, srcStart, order, digits, w, windowSums, w * jw);
            }
        });
        long[] acc = new long[jw];
        ops.copy(windowSums, (windows - 1) * jw, acc, 0);
        for (int w = windows - 2; w >= 0; w--) {
            for (int k = 0; k < c; k++) {
                ops.dbl(acc, 0);
            }
            ops.add(acc, 0, windowSums, w * jw);
        }
        ops.add(result, 0, acc, 0);
        return result;
    }

    /**
     * Signed base-2^c digits of the selected scalars, window-major ({@code digits[w·m + k]}): each digit is in
     * [−2^(c−1) + 1, 2^(c−1)] and Σ_w digit_w·2^(cw) equals the scalar; {@code windows·c ≥ bits + 1} leaves room
     * for the final carry of a scalar below 2^bits.
     */
    static short[] signedDigits(long[] scalars, int scalarStart, int[] idx, int m, int c, int windows) {
        short[] digits = new short[windows * m];
        long mask = (1L << c) - 1;
        int half = 1 << (c - 1);
        for (int k = 0; k < m; k++) {
            int s = 4 * (scalarStart + idx[k]);
            int carry = 0;
            for (int w = 0; w < windows; w++) {
                int bit = w * c;
                int limb = bit >>> 6;
                int shift = bit & 63;
                long d = 0;
                if (limb < 4) {
                    d = scalars[s + limb] >>> shift;
                    if (shift + c > 64 && limb < 3) {
                        d |= scalars[s + limb + 1] << (64 - shift);
                    }
                }
                int digit = (int) (d & mask) + carry;
                carry = digit > half ? 1 : 0;
                digits[w * m + k] = (short) (digit - (carry << c));
            }
            if (carry != 0) {
                throw new IllegalArgumentException("scalar " + idx[k] + " does not fit in " + (windows * c - 1) + " bits");
            }
        }
        return digits;
    }

    /** {@code ge[x]} = how many of the selected scalars have a bit length of at least x (x = 0…256). */
    static int[] bitLengths(long[] scalars, int scalarStart, int[] idx, int m) {
        int[] ge = new int[258];
        for (int k = 0; k < m; k++) {
            int s = 4 * (scalarStart + idx[k]);
            int len = 0;
            for (int l = 3; l >= 0; l--) {
                if (scalars[s + l] != 0) {
                    len = 64 * l + 64 - Long.numberOfLeadingZeros(scalars[s + l]);
                    break;
                }
            }
            ge[len]++;
        }
        for (int x = 255; x >= 0; x--) {
            ge[x] += ge[x + 1];
        }
        return ge;
    }

    /**
     * The window size minimising the estimated cost in field multiplications for scalars below 2^bits, given how many
     * reach each bit length ({@link #bitLengths}): window w holds the n_w scalars of at least w·c bits (most circom
     * witness values are short, so high windows are sparse) and costs 6·n_w for the batch-affine additions plus
     * 27·2^(c−1) for reducing its buckets (a mixed and a full Jacobian addition each); empty windows cost nothing.
     */
    static int windowBits(int[] ge, int bits) {
        int best = 2;
        double bestCost = Double.MAX_VALUE;
        for (int c = 2; c <= 15; c++) {
            int windows = (bits + c) / c;
            double cost = 0;
            for (int w = 0; w < windows; w++) {
                int n = ge[Math.max(1, Math.min(256, w * c))];
                if (n > 0) {
                    cost += 6.0 * n + 27.0 * (1 << (c - 1));
                }
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = c;
            }
        }
        return best;
    }

    /** One worker's scratch space for summing windows: affine point slots grouped by bucket, batch inversion. */
    private static final class Window {
        private final JacobianOps ops;
        private final FieldOps f;
        private final int w;
        private final int aw;
        private final int buckets;
        private final int[] start;
        private final int[] len;
        private final long[] pts;
        private final boolean[] inf;
        private final int[] pairs;
        private final long[] dx;
        private final long[] prefix;
        private final long[] tmp;
        private final long[] running;

        Window(JacobianOps ops, int m, int c) {
            this.ops = ops;
            this.f = ops.field();
            this.w = f.width();
            this.aw = ops.affineWidth();
            this.buckets = 1 << (c - 1);
            this.start = new int[buckets + 1];
            this.len = new int[buckets];
            this.pts = new long[m * aw];
            this.inf = new boolean[m];
            this.pairs = new int[m / 2 + 1];
            this.dx = new long[(m / 2 + 1) * w];
            this.prefix = new long[(m / 2 + 1) * w];
            this.tmp = new long[6 * w];
            this.running = new long[ops.jacobianWidth()];
        }

        /** out[oi..] = Σ_b (b + 1)·bucket_b for window {@code win}. */
        void sum(long[] bases, int baseStart, int[] idx, short[] digits, int win, long[] out, int oi) {
            int m = inf.length;
            java.util.Arrays.fill(len, 0);
            int base = win * m;
            for (int k = 0; k < m; k++) {
                int d = digits[base + k];
                if (d != 0) {
                    len[Math.abs(d) - 1]++;
                }
            }
            ops.setInfinity(out, oi);
            int nonZero = 0;
            for (int b = 0; b < buckets; b++) {
                nonZero += len[b];
            }
            if (nonZero == 0) {
                return;
            }
            start[0] = 0;
            for (int b = 0; b < buckets; b++) {
                start[b + 1] = start[b] + len[b];
                len[b] = 0;
            }
            for (int k = 0; k < m; k++) {
                int d = digits[base + k];
                if (d == 0) {
                    continue;
                }
                int b = Math.abs(d) - 1;
                int slot = start[b] + len[b]++;
                int src = aw * (baseStart + idx[k]);
                int dst = slot * aw;
                f.copy(bases, src, pts, dst);
                if (d > 0) {
                    f.copy(bases, src + w, pts, dst + w);
                } else {
                    f.neg(bases, src + w, pts, dst + w);
                }
                inf[slot] = false;
            }
            while (round()) {
                // each round halves every bucket's list
            }
            ops.setInfinity(running, 0);
            for (int b = buckets - 1; b >= 0; b--) {
                if (len[b] == 1 && !inf[start[b]]) {
                    ops.addAffine(running, 0, pts, start[b] * aw);
                }
                ops.add(out, oi, running, 0);
            }
        }

        /** One round of pairwise additions inside every bucket; false when every bucket holds at most one point. */
        private boolean round() {
            int np = 0;
            long[] acc = tmp;
            f.setOne(acc, 0);
            for (int b = 0; b < buckets; b++) {
                int l = len[b];
                int s = start[b];
                for (int i = 0; i + 1 < l; i += 2) {
                    int a = s + i;
                    if (inf[a] || inf[a + 1]) {
                        if (inf[a]) {
                            System.arraycopy(pts, (a + 1) * aw, pts, a * aw, aw);
                            inf[a] = inf[a + 1];
                        }
                        continue;
                    }
                    int pa = a * aw;
                    int pb = pa + aw;
                    f.sub(pts, pb, pts, pa, dx, np * w);
                    if (f.isZero(dx, np * w)) {
                        addSameX(a);
                        continue;
                    }
                    f.copy(acc, 0, prefix, np * w);
                    f.mul(acc, 0, dx, np * w, acc, 0);
                    pairs[np++] = a;
                }
            }
            if (np > 0) {
                int inv = w;
                int lambda = 2 * w;
                int t = 3 * w;
                f.inv(acc, 0, tmp, inv);
                for (int p = np - 1; p >= 0; p--) {
                    // 1/dx_p = (dx_0 ⋯ dx_p)⁻¹ · (dx_0 ⋯ dx_(p−1))
                    f.mul(tmp, inv, prefix, p * w, tmp, t);
                    f.mul(tmp, inv, dx, p * w, tmp, inv);
                    int pa = pairs[p] * aw;
                    int pb = pa + aw;
                    // λ = (y2 − y1)/(x2 − x1); x3 = λ² − x1 − x2; y3 = λ(x1 − x3) − y1
                    f.sub(pts, pb + w, pts, pa + w, tmp, lambda);
                    f.mul(tmp, lambda, tmp, t, tmp, lambda);
                    f.sqr(tmp, lambda, tmp, t);
                    f.sub(tmp, t, pts, pa, tmp, t);
                    f.sub(tmp, t, pts, pb, tmp, t);
                    f.sub(pts, pa, tmp, t, pts, pb);
                    f.copy(tmp, t, pts, pa);
                    f.mul(tmp, lambda, pts, pb, tmp, t);
                    f.sub(tmp, t, pts, pa + w, pts, pa + w);
                }
            }
            boolean more = false;
            for (int b = 0; b < buckets; b++) {
                int l = len[b];
                if (l < 2) {
                    continue;
                }
                int s = start[b];
                int half = (l + 1) / 2;
                for (int i = 1; i < half; i++) {
                    System.arraycopy(pts, (s + 2 * i) * aw, pts, (s + i) * aw, aw);
                    inf[s + i] = inf[s + 2 * i];
                }
                len[b] = half;
                more |= half > 1;
            }
            return more;
        }

        /** Slot a ← slot a + slot a+1 when both have the same x: a doubling, or infinity for P + (−P). */
        private void addSameX(int a) {
            int pa = a * aw;
            int pb = pa + aw;
            if (!f.eq(pts, pa + w, pts, pb + w) || f.isZero(pts, pa + w)) {
                inf[a] = true;
                return;
            }
            long[] j = new long[ops.jacobianWidth()];
            ops.fromAffine(pts, pa, j, 0);
            ops.dbl(j, 0);
            ops.toAffine(j, 0, pts, pa);
        }
    }
}
