package io.enclave.zk.pairing;

import io.enclave.zk.curve.Bn254;
import io.enclave.zk.field.Fp12;
import io.enclave.zk.field.Fp2;
import io.enclave.zk.field.MontField;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The optimal ate pairing on BN254: a Miller loop over 6x + 2 with the two Frobenius correction lines, then the
 * final exponentiation to the power (p¹² − 1)/r. G2 points are "prepared" once (their line coefficients computed in
 * affine coordinates on the twist), so verifying-key points cost nothing per proof.
 */
public final class Pairing {
    private static final MontField F = MontField.FP;
    private static final BigInteger LOOP = Bn254.X.multiply(BigInteger.valueOf(6)).add(BigInteger.TWO);
    private static final BigInteger P = Bn254.P;
    private static final Fp2 FROB_X = Fp2.XI.pow(P.subtract(BigInteger.ONE).divide(BigInteger.valueOf(3)));
    private static final Fp2 FROB_Y = Fp2.XI.pow(P.subtract(BigInteger.ONE).divide(BigInteger.TWO));
    private static final BigInteger HARD_EXPONENT =
            P.pow(4).subtract(P.pow(2)).add(BigInteger.ONE).divide(Bn254.R);

    private Pairing() {
    }

    /** The line coefficients of a G2 point for the Miller loop; an empty list for the point at infinity. */
    public static final class G2Prepared {
        final List<Fp2[]> lines;

        G2Prepared(List<Fp2[]> lines) {
            this.lines = lines;
        }

        boolean isInfinity() {
            return lines.isEmpty();
        }
    }

    /** Prepares a validated affine G2 point (16 longs, Montgomery). */
    public static G2Prepared prepare(long[] q) {
        List<Fp2[]> lines = new ArrayList<>();
        if (Bn254.isInfinity(q)) {
            return new G2Prepared(lines);
        }
        Fp2 qx = Fp2.fromMont(q, 0, 4);
        Fp2 qy = Fp2.fromMont(q, 8, 12);
        Fp2[] t = {qx, qy};
        for (int i = LOOP.bitLength() - 2; i >= 0; i--) {
            lines.add(doubleStep(t));
            if (LOOP.testBit(i)) {
                lines.add(addStep(t, qx, qy));
            }
        }
        Fp2 q1x = qx.conjugate().mul(FROB_X);
        Fp2 q1y = qy.conjugate().mul(FROB_Y);
        Fp2 q2x = q1x.conjugate().mul(FROB_X);
        Fp2 q2y = q1y.conjugate().mul(FROB_Y).neg();
        lines.add(addStep(t, q1x, q1y));
        lines.add(addStep(t, q2x, q2y));
        return new G2Prepared(lines);
    }

    private static Fp2[] doubleStep(Fp2[] t) {
        Fp2 x = t[0];
        Fp2 y = t[1];
        Fp2 x2 = x.sqr();
        Fp2 lambda = x2.add(x2).add(x2).mul(y.dbl().inverse());
        Fp2 x3 = lambda.sqr().sub(x.dbl());
        Fp2 y3 = lambda.mul(x.sub(x3)).sub(y);
        t[0] = x3;
        t[1] = y3;
        return new Fp2[] {lambda.neg(), lambda.mul(x).sub(y)};
    }

    private static Fp2[] addStep(Fp2[] t, Fp2 qx, Fp2 qy) {
        Fp2 x = t[0];
        Fp2 y = t[1];
        Fp2 dx = qx.sub(x);
        if (dx.isZero()) {
            throw new IllegalStateException("degenerate Miller loop addition: the G2 point is not in the prime-order subgroup");
        }
        Fp2 lambda = qy.sub(y).mul(dx.inverse());
        Fp2 x3 = lambda.sqr().sub(x).sub(qx);
        Fp2 y3 = lambda.mul(x.sub(x3)).sub(y);
        t[0] = x3;
        t[1] = y3;
        return new Fp2[] {lambda.neg(), lambda.mul(x).sub(y)};
    }

    /** The product of Miller loops f(P_i, Q_i) (before final exponentiation); pairs with infinity are skipped. */
    public static Fp12 millerLoop(List<long[]> g1, List<G2Prepared> g2) {
        if (g1.size() != g2.size()) {
            throw new IllegalArgumentException("as many G1 as G2 points are needed");
        }
        List<long[]> ps = new ArrayList<>();
        List<G2Prepared> qs = new ArrayList<>();
        for (int i = 0; i < g1.size(); i++) {
            if (!Bn254.isInfinity(g1.get(i)) && !g2.get(i).isInfinity()) {
                ps.add(g1.get(i));
                qs.add(g2.get(i));
            }
        }
        Fp12 f = Fp12.ONE;
        int[] idx = new int[ps.size()];
        for (int i = LOOP.bitLength() - 2; i >= 0; i--) {
            f = f.sqr();
            f = applyLines(f, ps, qs, idx);
            if (LOOP.testBit(i)) {
                f = applyLines(f, ps, qs, idx);
            }
        }
        f = applyLines(f, ps, qs, idx);
        f = applyLines(f, ps, qs, idx);
        return f;
    }

    private static Fp12 applyLines(Fp12 f, List<long[]> ps, List<G2Prepared> qs, int[] idx) {
        Fp12 r = f;
        for (int k = 0; k < ps.size(); k++) {
            long[] p = ps.get(k);
            Fp2[] line = qs.get(k).lines.get(idx[k]++);
            long[] px = {p[0], p[1], p[2], p[3]};
            long[] py = {p[4], p[5], p[6], p[7]};
            r = r.mul(Fp12.line(py, line[0].mulFp(px), line[1]));
        }
        return r;
    }

    /**
     * f^((p¹² − 1)/r): the easy part f^((p⁶ − 1)(p² + 1)), then the hard part (p⁴ − p² + 1)/r by the addition chain
     * of Scott et al. ("On the final exponentiation for calculating pairings on ordinary elliptic curves") in three
     * exponentiations by x and a few Frobenius maps.
     */
    public static Fp12 finalExponentiation(Fp12 f) {
        Fp12 t1 = easyPart(f);
        Fp12 fp = t1.frobenius(1);
        Fp12 fp2 = t1.frobenius(2);
        Fp12 fp3 = fp2.frobenius(1);
        Fp12 fu = t1.pow(Bn254.X);
        Fp12 fu2 = fu.pow(Bn254.X);
        Fp12 fu3 = fu2.pow(Bn254.X);
        Fp12 y3 = fu.frobenius(1).conjugate();
        Fp12 fu2p = fu2.frobenius(1);
        Fp12 fu3p = fu3.frobenius(1);
        Fp12 y2 = fu2.frobenius(2);
        Fp12 y0 = fp.mul(fp2).mul(fp3);
        Fp12 y1 = t1.conjugate();
        Fp12 y5 = fu2.conjugate();
        Fp12 y4 = fu.mul(fu2p).conjugate();
        Fp12 y6 = fu3.mul(fu3p).conjugate();
        Fp12 t0 = y6.sqr().mul(y4).mul(y5);
        Fp12 u1 = y3.mul(y5).mul(t0);
        t0 = t0.mul(y2);
        u1 = u1.sqr().mul(t0).sqr();
        t0 = u1.mul(y1);
        u1 = u1.mul(y0);
        return t0.sqr().mul(u1);
    }

    /** The reference final exponentiation (generic power by the hard exponent): slow, for tests. */
    static Fp12 finalExponentiationReference(Fp12 f) {
        return easyPart(f).pow(HARD_EXPONENT);
    }

    private static Fp12 easyPart(Fp12 f) {
        Fp12 t = f.conjugate().mul(f.inverse());
        return t.frobenius(2).mul(t);
    }

    /** e(P, Q). */
    public static Fp12 pair(long[] p, long[] q) {
        return finalExponentiation(millerLoop(List.of(p), List.of(prepare(q))));
    }

    /** Whether Π e(P_i, Q_i) = 1. */
    public static boolean productIsOne(List<long[]> g1, List<G2Prepared> g2) {
        return finalExponentiation(millerLoop(g1, g2)).isOne();
    }
}
