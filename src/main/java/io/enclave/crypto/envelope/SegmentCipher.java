package io.enclave.crypto.envelope;

import io.enclave.crypto.GcmProvider;
import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One {@link Cipher} and one segment buffer, kept per thread between envelopes: allocating a 1 MiB buffer (a G1
 * humongous object) and a native cipher context for every envelope cost more than the encryption itself. Segments are
 * sealed and opened in place, so after encryption the buffer holds only ciphertext; after decryption the caller wipes
 * what it used. On release the cipher is re-keyed with an all-zero key, so no content key stays in a cached cipher.
 *
 * <p>Segment {@code i} uses nonce {@code baseNonce XOR i} (last four bytes) and AAD {@code header || i || final}.
 */
final class SegmentCipher {
    static final int TAG = 16;
    private static final ThreadLocal<SoftReference<SegmentCipher>> CACHE = new ThreadLocal<>();
    private static final byte[] ZERO_KEY = new byte[32];

    private final GcmProvider gcm;
    private final Cipher cipher;
    /** Plaintext or ciphertext of one segment plus room for its tag. */
    final byte[] buffer;
    private final byte[] nonce = new byte[12];
    private final byte[] baseNonce = new byte[12];
    private byte[] aad = new byte[0];
    private int headerLength;
    private SecretKeySpec key;
    private int scrubs;

    private SegmentCipher(GcmProvider gcm, int segmentSize) {
        this.gcm = gcm;
        this.cipher = gcm.newCipher();
        this.buffer = new byte[segmentSize + TAG];
    }

    /** A cipher for segments of {@code segmentSize} bytes under {@code key}, bound to {@code header}. */
    static SegmentCipher acquire(GcmProvider gcm, int segmentSize, byte[] key, byte[] header) {
        SoftReference<SegmentCipher> ref = CACHE.get();
        SegmentCipher s = ref == null ? null : ref.get();
        // Taken out of the cache while in use: an output stream that opens another envelope on this thread gets its own.
        CACHE.remove();
        if (s == null || s.gcm != gcm || s.buffer.length != segmentSize + TAG) {
            s = new SegmentCipher(gcm, segmentSize);
        }
        s.key = new SecretKeySpec(key, "AES");
        System.arraycopy(header, 10, s.baseNonce, 0, 12);
        if (s.aad.length != header.length + 5) {
            s.aad = new byte[header.length + 5];
        }
        System.arraycopy(header, 0, s.aad, 0, header.length);
        s.headerLength = header.length;
        return s;
    }

    /** Seals ({@code encrypt}) or opens segment {@code index} of {@code len} bytes in place; returns the output length. */
    int run(boolean encrypt, int index, boolean last, int len) throws GeneralSecurityException {
        System.arraycopy(baseNonce, 0, nonce, 0, 12);
        ByteBuffer.wrap(nonce, 8, 4).putInt(ByteBuffer.wrap(baseNonce, 8, 4).getInt() ^ index);
        ByteBuffer.wrap(aad, headerLength, 5).putInt(index).put((byte) (last ? 1 : 0));
        cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(buffer, 0, len, buffer, 0);
    }

    /**
     * Wipes the first {@code used} bytes of the buffer, replaces the content key in the cipher by a zero key, and keeps
     * this object for the thread's next envelope. A cipher that refuses the scrub is dropped instead of cached.
     */
    void release(int used) {
        Arrays.fill(buffer, 0, Math.min(used, buffer.length), (byte) 0);
        key = null;
        try {
            // A distinct nonce per scrub: a provider refuses to encrypt twice with one key and nonce.
            scrubs++;
            ByteBuffer.wrap(nonce).putInt(0x5c5c5c5c).putInt(0x5c5c5c5c).putInt(scrubs);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(ZERO_KEY, "AES"), new GCMParameterSpec(TAG * 8, nonce));
        } catch (GeneralSecurityException | RuntimeException e) {
            return;
        }
        CACHE.set(new SoftReference<>(this));
    }
}
