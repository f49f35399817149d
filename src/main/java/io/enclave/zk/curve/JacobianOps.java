package io.enclave.zk.curve;

import io.enclave.zk.field.FieldOps;
import java.math.BigInteger;

/**
 * Point arithmetic on a short Weierstrass curve y² = x³ + b (a = 0) in Jacobian coordinates, written once over
 * {@link FieldOps} so it serves G1 (Fp) and G2 (Fp2). A Jacobian point occupies 3·w longs (X, Y, Z; Z = 0 is the
 * point at infinity); an affine point 2·w longs (x, y), with (0, 0) meaning infinity as in snarkjs files.
 * Instances keep scratch space: use one per thread.
 */
public final class JacobianOps {
    private final FieldOps f;
    private final int w;
    private final long[] s;
    private final long[] curveB;

    /** @param curveB the curve constant b as a field element of f (w longs, Montgomery). */
    public JacobianOps(FieldOps f, long[] curveB) {
        this.f = f;
        this.w = f.width();
        this.s = new long[16 * w];
        this.curveB = curveB.clone();
    }

    public FieldOps field() {
        return f;
    }

    /** Longs per Jacobian point. */
    public int jacobianWidth() {
        return 3 * w;
    }

    /** Longs per affine point. */
    public int affineWidth() {
        return 2 * w;
    }

    public boolean isInfinity(long[] p, int pi) {
        return f.isZero(p, pi + 2 * w);
    }

    public boolean isAffineInfinity(long[] q, int qi) {
        return f.isZero(q, qi) && f.isZero(q, qi + w);
    }

    public void setInfinity(long[] p, int pi) {
        f.setOne(p, pi);
        f.setOne(p, pi + w);
        f.setZero(p, pi + 2 * w);
    }

    public void fromAffine(long[] q, int qi, long[] p, int pi) {
        if (isAffineInfinity(q, qi)) {
            setInfinity(p, pi);
            return;
        }
        f.copy(q, qi, p, pi);
        f.copy(q, qi + w, p, pi + w);
        f.setOne(p, pi + 2 * w);
    }

    /** Affine (x, y) of a Jacobian point into q (2w longs); infinity becomes (0, 0). */
    public void toAffine(long[] p, int pi, long[] q, int qi) {
        if (isInfinity(p, pi)) {
            f.setZero(q, qi);
            f.setZero(q, qi + w);
            return;
        }
        int zi = 0;
        int z2 = w;
        int z3 = 2 * w;
        f.inv(p, pi + 2 * w, s, zi);
        f.sqr(s, zi, s, z2);
        f.mul(s, z2, s, zi, s, z3);
        f.mul(p, pi, s, z2, q, qi);
        f.mul(p, pi + w, s, z3, q, qi + w);
    }

    /** Whether the affine point satisfies y² = x³ + b (infinity counts as on the curve). */
    public boolean isOnCurveAffine(long[] q, int qi) {
        if (isAffineInfinity(q, qi)) {
            return true;
        }
        f.sqr(q, qi + w, s, 0);
        f.sqr(q, qi, s, w);
        f.mul(s, w, q, qi, s, w);
        f.add(s, w, curveB, 0, s, w);
        return f.eq(s, 0, s, w);
    }

    public void copy(long[] p, int pi, long[] r, int ri) {
        System.arraycopy(p, pi, r, ri, 3 * w);
    }

    public void neg(long[] p, int pi) {
        f.neg(p, pi + w, p, pi + w);
    }

    /** p = 2p (dbl-2009-l). */
    public void dbl(long[] p, int pi) {
        if (isInfinity(p, pi)) {
            return;
        }
        int x = pi;
        int y = pi + w;
        int z = pi + 2 * w;
        int a = 0;
        int b = w;
        int c = 2 * w;
        int d = 3 * w;
        int e = 4 * w;
        int ff = 5 * w;
        f.sqr(p, x, s, a);
        f.sqr(p, y, s, b);
        f.sqr(s, b, s, c);
        f.add(p, x, s, b, s, d);
        f.sqr(s, d, s, d);
        f.sub(s, d, s, a, s, d);
        f.sub(s, d, s, c, s, d);
        f.dbl(s, d, s, d);
        f.dbl(s, a, s, e);
        f.add(s, e, s, a, s, e);
        f.sqr(s, e, s, ff);
        // Z3 = 2·Y·Z (before Y changes)
        f.mul(p, y, p, z, p, z);
        f.dbl(p, z, p, z);
        // X3 = F − 2D
        f.dbl(s, d, s, 6 * w);
        f.sub(s, ff, s, 6 * w, p, x);
        // Y3 = E·(D − X3) − 8C
        f.sub(s, d, p, x, s, d);
        f.mul(s, e, s, d, p, y);
        f.dbl(s, c, s, c);
        f.dbl(s, c, s, c);
        f.dbl(s, c, s, c);
        f.sub(p, y, s, c, p, y);
    }

    /** p = p + q with q affine (madd-2007-bl); q = (0, 0) is infinity. */
    public void addAffine(long[] p, int pi, long[] q, int qi) {
        if (isAffineInfinity(q, qi)) {
            return;
        }
        if (isInfinity(p, pi)) {
            fromAffine(q, qi, p, pi);
            return;
        }
        int x = pi;
        int y = pi + w;
        int z = pi + 2 * w;
        int z1z1 = 0;
        int u2 = w;
        int s2 = 2 * w;
        int h = 3 * w;
        int hh = 4 * w;
        int i = 5 * w;
        int j = 6 * w;
        int r = 7 * w;
        int v = 8 * w;
        f.sqr(p, z, s, z1z1);
        f.mul(q, qi, s, z1z1, s, u2);
        f.mul(q, qi + w, p, z, s, s2);
        f.mul(s, s2, s, z1z1, s, s2);
        f.sub(s, u2, p, x, s, h);
        f.sub(s, s2, p, y, s, r);
        if (f.isZero(s, h)) {
            if (f.isZero(s, r)) {
                dbl(p, pi);
            } else {
                setInfinity(p, pi);
            }
            return;
        }
        f.dbl(s, r, s, r);
        f.sqr(s, h, s, hh);
        f.dbl(s, hh, s, i);
        f.dbl(s, i, s, i);
        f.mul(s, h, s, i, s, j);
        f.mul(p, x, s, i, s, v);
        // X3 = r² − J − 2V
        f.sqr(s, r, p, x);
        f.sub(p, x, s, j, p, x);
        f.sub(p, x, s, v, p, x);
        f.sub(p, x, s, v, p, x);
        // Y3 = r(V − X3) − 2·Y1·J
        f.sub(s, v, p, x, s, v);
        f.mul(s, r, s, v, s, v);
        f.mul(p, y, s, j, s, j);
        f.dbl(s, j, s, j);
        f.sub(s, v, s, j, p, y);
        // Z3 = (Z1 + H)² − Z1Z1 − HH
        f.add(p, z, s, h, p, z);
        f.sqr(p, z, p, z);
        f.sub(p, z, s, z1z1, p, z);
        f.sub(p, z, s, hh, p, z);
    }

    /** p = p + q, both Jacobian (add-2007-bl). */
    public void add(long[] p, int pi, long[] q, int qi) {
        if (isInfinity(q, qi)) {
            return;
        }
        if (isInfinity(p, pi)) {
            copy(q, qi, p, pi);
            return;
        }
        int x1 = pi;
        int y1 = pi + w;
        int z1 = pi + 2 * w;
        int z1z1 = 0;
        int z2z2 = w;
        int u1 = 2 * w;
        int u2 = 3 * w;
        int s1 = 4 * w;
        int s2 = 5 * w;
        int h = 6 * w;
        int i = 7 * w;
        int j = 8 * w;
        int r = 9 * w;
        int v = 10 * w;
        f.sqr(p, z1, s, z1z1);
        f.sqr(q, qi + 2 * w, s, z2z2);
        f.mul(p, x1, s, z2z2, s, u1);
        f.mul(q, qi, s, z1z1, s, u2);
        f.mul(p, y1, q, qi + 2 * w, s, s1);
        f.mul(s, s1, s, z2z2, s, s1);
        f.mul(q, qi + w, p, z1, s, s2);
        f.mul(s, s2, s, z1z1, s, s2);
        f.sub(s, u2, s, u1, s, h);
        f.sub(s, s2, s, s1, s, r);
        if (f.isZero(s, h)) {
            if (f.isZero(s, r)) {
                dbl(p, pi);
            } else {
                setInfinity(p, pi);
            }
            return;
        }
        f.dbl(s, r, s, r);
        f.dbl(s, h, s, i);
        f.sqr(s, i, s, i);
        f.mul(s, h, s, i, s, j);
        f.mul(s, u1, s, i, s, v);
        f.sqr(s, r, p, x1);
        f.sub(p, x1, s, j, p, x1);
        f.sub(p, x1, s, v, p, x1);
        f.sub(p, x1, s, v, p, x1);
        f.sub(s, v, p, x1, s, v);
        f.mul(s, r, s, v, s, v);
        f.mul(s, s1, s, j, s, j);
        f.dbl(s, j, s, j);
        f.sub(s, v, s, j, p, y1);
        f.add(p, z1, q, qi + 2 * w, p, z1);
        f.sqr(p, z1, p, z1);
        f.sub(p, z1, s, z1z1, p, z1);
        f.sub(p, z1, s, z2z2, p, z1);
        f.mul(p, z1, s, h, p, z1);
    }

    /** r = k·q for an affine q and a non-negative scalar (double-and-add; not constant time: public data only). */
    public void mulAffine(long[] q, int qi, BigInteger k, long[] r, int ri) {
        setInfinity(r, ri);
        for (int bit = k.bitLength() - 1; bit >= 0; bit--) {
            dbl(r, ri);
            if (k.testBit(bit)) {
                addAffine(r, ri, q, qi);
            }
        }
    }

    /** Whether two Jacobian points are equal. */
    public boolean equal(long[] p, int pi, long[] q, int qi) {
        long[] a = new long[2 * w];
        long[] b = new long[2 * w];
        toAffine(p, pi, a, 0);
        toAffine(q, qi, b, 0);
        return java.util.Arrays.equals(a, b);
    }
}
