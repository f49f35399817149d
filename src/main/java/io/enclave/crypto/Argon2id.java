package io.enclave.crypto;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) key derivation through BouncyCastle's {@link Argon2BytesGenerator}.
 *
 * <p>The working memory (the wallet's 128 MiB) lives only for one derivation: every block is handed out fresh by
 * {@link #RELEASING}, and BouncyCastle wipes each block before giving it back, which drops it instead of keeping it in
 * the generator's default pool. Nothing here caches a generator, so the blocks are garbage as soon as
 * {@link #derive} returns; the launcher's heap settings ({@code packaging/common.args}) let the JVM hand the pages back.
 */
public final class Argon2id {
    public static final String ALGORITHM = "argon2id";
    public static final int SALT_BYTES = 16;

    /** A block pool that pools nothing: blocks are allocated per derivation and dropped, already wiped, on release. */
    static final Argon2BytesGenerator.BlockPool RELEASING = new Argon2BytesGenerator.BlockPool() {
        @Override
        public Argon2BytesGenerator.Block allocate() {
            return new Argon2BytesGenerator.Block();
        }

        @Override
        public void deallocate(Argon2BytesGenerator.Block block) {
            block.clear(); // BouncyCastle clears before releasing; clearing again costs nothing and does not rely on it
        }
    };

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
        return derive(password, salt, p, length, RELEASING);
    }

    /** As {@link #derive(byte[], byte[], Params, int)} with the blocks taken from {@code pool} (tests watch them). */
    static byte[] derive(byte[] password, byte[] salt, Params p, int length, Argon2BytesGenerator.BlockPool pool) {
        if (salt.length < 8) {
            throw new IllegalArgumentException("Argon2id salt must be at least 8 bytes");
        }
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKiB()).withIterations(p.iterations()).withParallelism(p.parallelism())
                .withSalt(salt).withBlockPool(pool).build();
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
