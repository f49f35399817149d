package io.enclave.zk.curve;

import io.enclave.zk.field.FieldOps;
import io.enclave.zk.field.Fp2;
import io.enclave.zk.field.MontField;
import java.math.BigInteger;

/**
 * BN254 (alt_bn128) constants and point parsing with validation. Affine points are flat Montgomery arrays:
 * G1 = {x, y} (8 longs), G2 = {x.c0, x.c1, y.c0, y.c1} (16 longs); (0, 0) is the point at infinity.
 */
public final class Bn254 {
    public static final BigInteger P = MontField.FP.modulus();
    public static final BigInteger R = MontField.FR.modulus();
    /** The BN parameter x (u) of BN254. */
    public static final BigInteger X = new BigInteger("4965661367192848881");

    private static final MontField F = MontField.FP;
    private static final long[] B1 = F.fromBig(BigInteger.valueOf(3));
    private static final long[] B2 = flat(Fp2.of(BigInteger.valueOf(3), BigInteger.ZERO).mul(Fp2.XI.inverse()));

    public static final long[] G1_GENERATOR = g1(BigInteger.ONE, BigInteger.TWO);
    public static final long[] G2_GENERATOR = g2(
            new BigInteger("10857046999023057135944570762232829481370756359578518086990519993285655852781"),
            new BigInteger("11559732032986387107991004021392285783925812861821192530917403151452391805634"),
            new BigInteger("8495653923123431417604973247489272438418190587263600148770280649306958101930"),
            new BigInteger("4082367875863433681332203403145435568316851327593401208105741076214120093531"));

    private Bn254() {
    }

    public static JacobianOps g1Ops() {
        return new JacobianOps(FieldOps.fp(), B1);
    }

    public static JacobianOps g2Ops() {
        return new JacobianOps(FieldOps.fp2(), B2);
    }

    /** A validated G1 point: coordinates canonical (&lt; p), on the curve. (0, 0) is infinity. */
    public static long[] g1(BigInteger x, BigInteger y) {
        long[] q = new long[8];
        F.fromBig(checkCoordinate(x, "x"), q, 0);
        F.fromBig(checkCoordinate(y, "y"), q, 4);
        if (!g1Ops().isOnCurveAffine(q, 0)) {
            throw new InvalidPointException("G1 point (" + x + ", " + y + ") is not on the BN254 curve");
        }
        return q;
    }

    /** A validated G2 point: coordinates canonical, on the twist, in the order-r subgroup. */
    public static long[] g2(BigInteger x0, BigInteger x1, BigInteger y0, BigInteger y1) {
        long[] q = new long[16];
        F.fromBig(checkCoordinate(x0, "x.c0"), q, 0);
        F.fromBig(checkCoordinate(x1, "x.c1"), q, 4);
        F.fromBig(checkCoordinate(y0, "y.c0"), q, 8);
        F.fromBig(checkCoordinate(y1, "y.c1"), q, 12);
        JacobianOps ops = g2Ops();
        if (!ops.isOnCurveAffine(q, 0)) {
            throw new InvalidPointException("G2 point is not on the BN254 twist curve");
        }
        if (!isInG2Subgroup(q, ops)) {
            throw new InvalidPointException("G2 point is on the twist but not in the order-r subgroup");
        }
        return q;
    }

    /** [r]Q = O: the subgroup check for a twist point (the cofactor of the twist is not 1). */
    static boolean isInG2Subgroup(long[] q, JacobianOps ops) {
        if (ops.isAffineInfinity(q, 0)) {
            return true;
        }
        long[] acc = new long[ops.jacobianWidth()];
        ops.mulAffine(q, 0, R, acc, 0);
        return ops.isInfinity(acc, 0);
    }

    public static BigInteger[] g1Coordinates(long[] q) {
        return new BigInteger[] {F.toBig(q, 0), F.toBig(q, 4)};
    }

    /** {x.c0, x.c1, y.c0, y.c1}. */
    public static BigInteger[] g2Coordinates(long[] q) {
        return new BigInteger[] {F.toBig(q, 0), F.toBig(q, 4), F.toBig(q, 8), F.toBig(q, 12)};
    }

    public static boolean isInfinity(long[] affine) {
        for (long l : affine) {
            if (l != 0) {
                return false;
            }
        }
        return true;
    }

    private static BigInteger checkCoordinate(BigInteger v, String name) {
        if (v.signum() < 0 || v.compareTo(P) >= 0) {
            throw new InvalidPointException("coordinate " + name + " = " + v + " is not below the BN254 field modulus");
        }
        return v;
    }

    private static long[] flat(Fp2 a) {
        long[] r = new long[8];
        a.toMont(r, 0, 4);
        return r;
    }

    /** A curve point that fails validation: not canonical, not on the curve, or outside the subgroup. */
    public static final class InvalidPointException extends IllegalArgumentException {
        public InvalidPointException(String message) {
            super(message);
        }
    }
}
