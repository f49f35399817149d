package io.enclave.zk.poseidon;

import io.enclave.zk.field.MontField;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;

/**
 * The Poseidon hash over the BN254 scalar field exactly as circomlib's {@code Poseidon(n)} circuit and circomlibjs
 * compute it: width t = n + 1 (1 ≤ n ≤ 16), 8 full rounds, the partial rounds of circomlibjs, x⁵ S-box, initial
 * state [0, inputs…], output state[0]. The constants come from circomlibjs at build time (a class-path resource).
 */
public final class Poseidon {
    public static final int MAX_INPUTS = 16;
    private static final int FULL_ROUNDS = 8;
    private static final int[] PARTIAL_ROUNDS = {56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68};
    private static final MontField FR = MontField.FR;
    private static final String RESOURCE = "/io/enclave/zk/poseidon/poseidon-constants.bin";

    /** Per width t (index t − 2): round constants (4 longs each) and the MDS matrix row-major (4 longs each). */
    private static final long[][] C;
    private static final long[][] M;

    static {
        long[][][] loaded = load();
        C = loaded[0];
        M = loaded[1];
    }

    private Poseidon() {
    }

    /** Poseidon(inputs); each input must be a canonical field element (0 ≤ x &lt; r). */
    public static BigInteger hash(List<BigInteger> inputs) {
        int n = inputs.size();
        if (n < 1 || n > MAX_INPUTS) {
            throw new IllegalArgumentException("Poseidon takes 1 to " + MAX_INPUTS + " inputs, got " + n);
        }
        int t = n + 1;
        long[] state = new long[4 * t];
        for (int i = 0; i < n; i++) {
            BigInteger x = inputs.get(i);
            if (x.signum() < 0 || x.compareTo(FR.modulus()) >= 0) {
                throw new IllegalArgumentException("Poseidon input " + i + " is not a field element (0 <= x < r)");
            }
            FR.fromBig(x, state, 4 * (i + 1));
        }
        permute(state, t);
        return FR.toBig(state, 0);
    }

    /** The field Poseidon works in (the BN254 scalar field r). */
    public static BigInteger hashModulus() {
        return FR.modulus();
    }

    public static BigInteger hash(BigInteger... inputs) {
        return hash(List.of(inputs));
    }

    private static void permute(long[] state, int t) {
        long[] c = C[t - 2];
        long[] m = M[t - 2];
        int partial = PARTIAL_ROUNDS[t - 2];
        int rounds = FULL_ROUNDS + partial;
        long[] next = new long[4 * t];
        long[] tmp = new long[4];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < t; i++) {
                FR.add(state, 4 * i, c, 4 * (r * t + i), state, 4 * i);
            }
            boolean full = r < FULL_ROUNDS / 2 || r >= FULL_ROUNDS / 2 + partial;
            for (int i = 0; i < (full ? t : 1); i++) {
                pow5(state, 4 * i, tmp);
            }
            java.util.Arrays.fill(next, 0L);
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    FR.mul(m, 4 * (i * t + j), state, 4 * j, tmp, 0);
                    FR.add(next, 4 * i, tmp, 0, next, 4 * i);
                }
            }
            System.arraycopy(next, 0, state, 0, 4 * t);
        }
    }

    private static void pow5(long[] a, int ai, long[] tmp) {
        FR.sqr(a, ai, tmp, 0);
        FR.sqr(tmp, 0, tmp, 0);
        FR.mul(a, ai, tmp, 0, a, ai);
    }

    private static long[][][] load() {
        try (InputStream in = Poseidon.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the Poseidon constants resource " + RESOURCE
                        + " is missing from the class path: rebuild with mvn (build/poseidon-constants.js makes it)");
            }
            DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(in));
            byte[] magic = new byte[4];
            d.readFully(magic);
            if (!"PSDN".equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new IllegalStateException("the Poseidon constants resource is corrupt");
            }
            int count = d.readUnsignedByte();
            long[][] c = new long[count][];
            long[][] m = new long[count][];
            byte[] word = new byte[32];
            for (int k = 0; k < count; k++) {
                int t = d.readUnsignedByte();
                int nc = d.readInt();
                if (t != k + 2 || (k < PARTIAL_ROUNDS.length && nc < t * (FULL_ROUNDS + PARTIAL_ROUNDS[k]))) {
                    throw new IllegalStateException("the Poseidon constants resource is corrupt at width " + t);
                }
                c[k] = new long[4 * nc];
                for (int i = 0; i < nc; i++) {
                    d.readFully(word);
                    FR.fromBig(new BigInteger(1, word), c[k], 4 * i);
                }
                m[k] = new long[4 * t * t];
                for (int i = 0; i < t * t; i++) {
                    d.readFully(word);
                    FR.fromBig(new BigInteger(1, word), m[k], 4 * i);
                }
            }
            return new long[][][] {c, m};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Poseidon constants resource", e);
        }
    }
}
