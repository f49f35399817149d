package io.enclave.zk.groth16;

import io.enclave.zk.curve.Bn254;
import io.enclave.zk.curve.JacobianOps;
import io.enclave.zk.field.MontField;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * A Groth16 proving key read from a snarkjs {@code .zkey} file (binary layout of snarkjs {@code zkey_utils.js}):
 * sections 1 header, 2 Groth16 header (q, r, nVars, nPublic, domainSize, α₁, β₁, β₂, γ₂, δ₁, δ₂), 3 IC,
 * 4 QAP coefficients (matrix, constraint, signal, value·R² in Montgomery form), 5 A, 6 B₁, 7 B₂, 8 C, 9 H.
 * Points and field elements are little-endian Montgomery, so they load straight into limbs.
 */
public final class ProvingKey {
    private static final int GROTH16 = 1;

    final int nVars;
    final int nPublic;
    final int domainSize;
    final int power;
    final long[] alpha1;
    final long[] beta1;
    final long[] beta2;
    final long[] gamma2;
    final long[] delta1;
    final long[] delta2;
    final long[] ic;
    /** Coefficients: matrix (0 = A, 1 = B), constraint, signal, value (Montgomery, times R). */
    final int[] coefMatrix;
    final int[] coefConstraint;
    final int[] coefSignal;
    final long[] coefValue;
    final long[] pointsA;
    final long[] pointsB1;
    final long[] pointsB2;
    final long[] pointsC;
    final long[] pointsH;

    private ProvingKey(ByteBuffer buf) {
        Map<Integer, int[]> sections = sections(buf);
        ByteBuffer h1 = section(buf, sections, 1);
        int protocol = h1.getInt();
        if (protocol != GROTH16) {
            throw new MalformedProofDataException("the zkey is not a Groth16 key (protocol id " + protocol + ")");
        }
        ByteBuffer h = section(buf, sections, 2);
        checkPrime(h, Bn254.P, "base field");
        checkPrime(h, Bn254.R, "scalar field");
        nVars = h.getInt();
        nPublic = h.getInt();
        domainSize = h.getInt();
        if (nVars <= 0 || nPublic < 0 || nPublic >= nVars || Integer.bitCount(domainSize) != 1 || domainSize > (1 << 28)) {
            throw new MalformedProofDataException("the zkey header is inconsistent (nVars " + nVars + ", nPublic " + nPublic
                    + ", domain " + domainSize + ")");
        }
        power = Integer.numberOfTrailingZeros(domainSize);
        alpha1 = g1Points(h, 1, "alpha1");
        beta1 = g1Points(h, 1, "beta1");
        beta2 = g2Points(h, 1, "beta2");
        gamma2 = g2Points(h, 1, "gamma2");
        delta1 = g1Points(h, 1, "delta1");
        delta2 = g2Points(h, 1, "delta2");
        ic = g1Points(section(buf, sections, 3), nPublic + 1, "IC");
        ByteBuffer c = section(buf, sections, 4);
        int nCoef = c.getInt();
        if (nCoef < 0 || (long) nCoef * 44 != c.remaining()) {
            throw new MalformedProofDataException("the zkey coefficient section has the wrong size");
        }
        coefMatrix = new int[nCoef];
        coefConstraint = new int[nCoef];
        coefSignal = new int[nCoef];
        coefValue = new long[4 * nCoef];
        for (int i = 0; i < nCoef; i++) {
            coefMatrix[i] = c.getInt();
            coefConstraint[i] = c.getInt();
            coefSignal[i] = c.getInt();
            for (int k = 0; k < 4; k++) {
                coefValue[4 * i + k] = c.getLong();
            }
            if (coefMatrix[i] < 0 || coefMatrix[i] > 1 || coefConstraint[i] < 0 || coefConstraint[i] >= domainSize
                    || coefSignal[i] < 0 || coefSignal[i] >= nVars) {
                throw new MalformedProofDataException("the zkey coefficient " + i + " points outside the circuit");
            }
        }
        pointsA = g1Points(section(buf, sections, 5), nVars, "A");
        pointsB1 = g1Points(section(buf, sections, 6), nVars, "B1");
        pointsB2 = g2Points(section(buf, sections, 7), nVars, "B2");
        pointsC = g1Points(section(buf, sections, 8), nVars - nPublic - 1, "C");
        pointsH = g1Points(section(buf, sections, 9), domainSize, "H");
    }

    /** Parses a zkey (the whole file in memory). */
    public static ProvingKey read(byte[] zkey) {
        try {
            return new ProvingKey(ByteBuffer.wrap(zkey).order(ByteOrder.LITTLE_ENDIAN));
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new MalformedProofDataException("the zkey file is truncated or corrupt");
        }
    }

    public int nVars() {
        return nVars;
    }

    public int nPublic() {
        return nPublic;
    }

    public int domainSize() {
        return domainSize;
    }

    private static Map<Integer, int[]> sections(ByteBuffer buf) {
        byte[] magic = new byte[4];
        buf.get(magic);
        if (!"zkey".equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new MalformedProofDataException("not a snarkjs zkey file (bad magic)");
        }
        int version = buf.getInt();
        if (version != 1) {
            throw new MalformedProofDataException("unsupported zkey version " + version);
        }
        int n = buf.getInt();
        Map<Integer, int[]> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int type = buf.getInt();
            long size = buf.getLong();
            if (size < 0 || size > buf.remaining()) {
                throw new MalformedProofDataException("zkey section " + type + " runs past the end of the file");
            }
            if (out.put(type, new int[] {buf.position(), (int) size}) != null) {
                throw new MalformedProofDataException("zkey section " + type + " appears twice");
            }
            buf.position(buf.position() + (int) size);
        }
        return out;
    }

    private static ByteBuffer section(ByteBuffer buf, Map<Integer, int[]> sections, int type) {
        int[] s = sections.get(type);
        if (s == null) {
            throw new MalformedProofDataException("the zkey has no section " + type);
        }
        return buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(s[0]).limit(s[0] + s[1]).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void checkPrime(ByteBuffer h, BigInteger expected, String what) {
        int n8 = h.getInt();
        if (n8 != 32) {
            throw new MalformedProofDataException("the zkey " + what + " is not 32 bytes: not a BN254 key");
        }
        long[] limbs = new long[4];
        for (int i = 0; i < 4; i++) {
            limbs[i] = h.getLong();
        }
        if (!MontField.fromLimbs(limbs, 0).equals(expected)) {
            throw new MalformedProofDataException("the zkey " + what + " modulus is not BN254's");
        }
    }

    private static long[] g1Points(ByteBuffer b, int count, String what) {
        return points(b, count, 8, Bn254.g1Ops(), what);
    }

    private static long[] g2Points(ByteBuffer b, int count, String what) {
        return points(b, count, 16, Bn254.g2Ops(), what);
    }

    private static long[] points(ByteBuffer b, int count, int longs, JacobianOps ops, String what) {
        if (b.remaining() < (long) count * longs * 8) {
            throw new MalformedProofDataException("the zkey " + what + " section is too short");
        }
        long[] out = new long[count * longs];
        b.asLongBuffer().get(out);
        b.position(b.position() + count * longs * 8);
        for (int i = 0; i < count; i++) {
            if (!ops.isOnCurveAffine(out, i * longs) || !canonical(out, i * longs, longs)) {
                throw new MalformedProofDataException("the zkey " + what + " point " + i + " is not on the curve");
            }
        }
        return out;
    }

    private static boolean canonical(long[] a, int off, int longs) {
        for (int k = 0; k < longs; k += 4) {
            if (MontField.fromLimbs(a, off + k).compareTo(Bn254.P) >= 0) {
                return false;
            }
        }
        return true;
    }
}
