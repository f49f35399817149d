package io.enclave.crypto;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id (RFC 9106) key derivation through BouncyCastle's {@link Argon2BytesGenerator}. */
public final class Argon2id {
    public static final String ALGORITHM = "argon2id";
    public static final int SALT_BYTES = 16;

    private Argon2id() {
    }

    /**
     * Cost parameters, stored beside every ciphertext they protect.
     *
     * @param memoryKiB memory in KiB (at least 8 × parallelism)
     * @param iterations passes over the memory (at least 1)
     * @param parallelism lanes (at least 1)
     */
    public record Params(int memoryKiB, int iterations, int parallelism) {
        /** Limits that reject absurd values read from a file before any memory is allocated. */
        public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
        public static final int MAX_ITERATIONS = 64;

        /** The wallet default: ~0.5–1.5 s on the 2-core build machine (see docs/BENCHMARKS.md, "Wallet"). */
        public static final Params WALLET = new Params(128 * 1024, 3, 1);

        public Params {
            if (parallelism < 1 || parallelism > 16) {
                throw new IllegalArgumentException("Argon2id parallelism must be 1..16, got " + parallelism);
            }
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                throw new IllegalArgumentException("Argon2id iterations must be 1.." + MAX_ITERATIONS + ", got " + iterations);
            }
            if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("Argon2id memory must be " + 8 * parallelism + ".." + MAX_MEMORY_KIB
                        + " KiB, got " + memoryKiB);
            }
        }
    }

    /** Derives {@code length} bytes from {@code password} and {@code salt}; the caller wipes the result. */
    public static byte[] derive(byte[] password, byte[] salt, Params p, int length) {
        if (salt.length < 8) {
            throw new IllegalArgumentException("Argon2id salt must be at least 8 bytes");
        }
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKiB()).withIterations(p.iterations()).withParallelism(p.parallelism())
                .withSalt(salt).build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[length];
        gen.generateBytes(password, out);
        return out;
    }

    /** Derives a key from a {@code char[]} password (UTF-8); the temporary bytes are wiped. */
    public static byte[] derive(char[] password, byte[] salt, Params p, int length) {
        byte[] pw = Secrets.utf8(password);
        try {
            return derive(pw, salt, p, length);
        } finally {
            Secrets.wipe(pw);
        }
    }
}
