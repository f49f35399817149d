package io.enclave.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 96-bit random nonce and a 128-bit tag. The caller stores the nonce beside the ciphertext
 * (as {@link Sealed} does) and authenticates any header through the associated data. For small one-shot secrets
 * (wallet and key files): the JDK's provider by default; bulk data goes through the envelope.
 */
public final class AesGcm {
    public static final String ALGORITHM = "AES-256-GCM";
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BITS = 128;

    private AesGcm() {
    }

    /** A ciphertext (with its tag appended) and the nonce it was sealed under. */
    public record Sealed(byte[] nonce, byte[] ciphertext) {
    }

    /** Encrypts under a fresh random nonce. */
    public static Sealed encrypt(byte[] key, byte[] plaintext, byte[] aad) {
        byte[] nonce = Secrets.randomBytes(NONCE_BYTES);
        return new Sealed(nonce, encrypt(key, nonce, plaintext, aad));
    }

    /** Encrypts under the given nonce, which must never be reused with the same key. */
    public static byte[] encrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        return encrypt(GcmProvider.jdk(), key, nonce, plaintext, aad);
    }

    /** {@link #encrypt(byte[], byte[], byte[], byte[])} through a given provider. */
    public static byte[] encrypt(GcmProvider gcm, byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        return run(gcm, Cipher.ENCRYPT_MODE, key, nonce, plaintext, aad);
    }

    /**
     * Decrypts and authenticates.
     *
     * @throws AuthenticationException if the key is wrong or the ciphertext, nonce or associated data changed
     */
    public static byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertext, byte[] aad) {
        return decrypt(GcmProvider.jdk(), key, nonce, ciphertext, aad);
    }

    /** {@link #decrypt(byte[], byte[], byte[], byte[])} through a given provider. */
    public static byte[] decrypt(GcmProvider gcm, byte[] key, byte[] nonce, byte[] ciphertext, byte[] aad) {
        if (ciphertext.length < TAG_BITS / 8) {
            throw new AuthenticationException("ciphertext is shorter than its authentication tag: it is truncated");
        }
        return run(gcm, Cipher.DECRYPT_MODE, key, nonce, ciphertext, aad);
    }

    private static byte[] run(GcmProvider gcm, int mode, byte[] key, byte[] nonce, byte[] input, byte[] aad) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key, got " + key.length);
        }
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("AES-GCM nonce must be 12 bytes, got " + nonce.length);
        }
        try {
            Cipher c = gcm.newCipher();
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            if (aad != null) {
                c.updateAAD(aad);
            }
            return c.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new AuthenticationException("authentication failed: wrong key, or the data was modified", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }

    /** The ciphertext did not authenticate: wrong key, or modified data. */
    public static final class AuthenticationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AuthenticationException(String message) {
            super(message);
        }

        public AuthenticationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
