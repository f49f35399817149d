package io.enclave.storage.backup;

import io.enclave.crypto.Argon2id;
import java.util.Arrays;

/**
 * Argon2id parameters of a backup, stored in its header. Derives 64 bytes from the password: the first 32 are the
 * AES-256 key, the last 32 a verifier stored in the header that tells a wrong password from a damaged file.
 */
public record BackupKdf(int memoryKib, int iterations, int parallelism) {
    /** 64 MiB, 3 passes, 1 lane: about a second on the build machine, hard to guess at scale. */
    public static final BackupKdf DEFAULT = new BackupKdf(64 * 1024, 3, 1);
    static final int MAX_MEMORY_KIB = 1024 * 1024;

    public BackupKdf {
        if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB || iterations < 1 || iterations > 64
                || parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("Argon2id parameters out of range: memory " + memoryKib + " KiB, "
                    + iterations + " iterations, parallelism " + parallelism);
        }
    }

    byte[] derive(char[] password, byte[] salt) {
        return Argon2id.derive(password, salt, new Argon2id.Params(memoryKib, iterations, parallelism), 64);
    }

    static byte[] key(byte[] derived) {
        return Arrays.copyOfRange(derived, 0, 32);
    }

    static byte[] verifier(byte[] derived) {
        return Arrays.copyOfRange(derived, 32, 64);
    }
}
