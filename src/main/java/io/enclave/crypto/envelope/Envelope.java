package io.enclave.crypto.envelope;

import io.enclave.crypto.GcmProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM envelope for credential packages, streamed in authenticated segments so that no buffer grows with the
 * payload (a segment is at most {@link #DEFAULT_SEGMENT} bytes by default).
 *
 * <p>Segment {@code i} (0-based) is sealed with nonce {@code baseNonce XOR i} (in the last four bytes) and
 * AAD {@code header || i (4 bytes) || final (1 byte)}, as in the STREAM construction: reordering, dropping, truncating
 * at a segment boundary, or appending segments all fail authentication. The header binds the ciphertext to the
 * credential hash it claims, and the reader checks that hash against the one it expects (from the chain).
 */
public final class Envelope {
    public static final int DEFAULT_SEGMENT = 1 << 20;
    private static final int TAG = 16;

    private final SecureRandom random;
    private final int segmentSize;
    private final GcmProvider gcm;

    /** An envelope whose AES-256-GCM comes from {@code gcm} (the bytes are the same whichever provider). */
    public Envelope(SecureRandom random, int segmentSize, GcmProvider gcm) {
        if (segmentSize < EnvelopeHeader.MIN_SEGMENT || segmentSize > EnvelopeHeader.MAX_SEGMENT) {
            throw new IllegalArgumentException("segment size out of range: " + segmentSize);
        }
        this.random = random;
        this.segmentSize = segmentSize;
        this.gcm = gcm;
    }

    public Envelope(SecureRandom random, int segmentSize) {
        this(random, segmentSize, GcmProvider.selected());
    }

    public Envelope() {
        this(new SecureRandom(), DEFAULT_SEGMENT);
    }

    /** A new random 256-bit content key. The caller wipes it ({@code Arrays.fill}) when done. */
    public byte[] newContentKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    /** Encrypts all of {@code plaintext} to {@code out} under {@code key}, bound to {@code credentialHash}. */
    public EnvelopeHeader encrypt(InputStream plaintext, OutputStream out, byte[] key, byte[] credentialHash)
            throws IOException {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        return encrypt(plaintext, out, key, credentialHash, nonce);
    }

    /** Encryption with a given base nonce: for known-answer tests only — a nonce must never repeat under one key. */
    EnvelopeHeader encrypt(InputStream plaintext, OutputStream out, byte[] key, byte[] credentialHash, byte[] nonce)
            throws IOException {
        checkKey(key);
        if (credentialHash.length != 32) {
            throw new IllegalArgumentException("credential hash must be 32 bytes");
        }
        EnvelopeHeader header = new EnvelopeHeader(EnvelopeHeader.VERSION, EnvelopeHeader.AES_256_GCM_SEGMENTED,
                segmentSize, nonce, credentialHash);
        byte[] h = header.encode();
        out.write(h);
        // Buffers are allocated once per call and reused for every segment; the look-ahead byte tells whether a full
        // segment is the last one without reading a whole second segment.
        byte[] plain = new byte[segmentSize];
        byte[] sealed = new byte[segmentSize + TAG];
        int n = readUpTo(plaintext, plain, 0);
        int index = 0;
        try {
            Segments segments = new Segments(gcm.newCipher(), key, h);
            while (true) {
                int lookAhead = n == segmentSize ? plaintext.read() : -1;
                boolean last = lookAhead < 0;
                int len = segments.run(Cipher.ENCRYPT_MODE, index, last, plain, n, sealed);
                out.write(sealed, 0, len);
                if (last) {
                    break;
                }
                plain[0] = (byte) lookAhead;
                n = 1 + readUpTo(plaintext, plain, 1);
                index++;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this Java runtime", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        return header;
    }

    /**
     * Decrypts to {@code out}, verifying each segment before writing it. If this throws, discard what was written:
     * the package was altered or truncated. Checks the header's credential hash against {@code expectedHash} (skip with
     * {@code null} only when no hash is known yet).
     */
    public EnvelopeHeader decrypt(InputStream in, OutputStream out, byte[] key, byte[] expectedHash)
            throws IOException, EnvelopeException {
        checkKey(key);
        EnvelopeHeader header = EnvelopeHeader.read(in);
        if (expectedHash != null && !MessageDigest.isEqual(expectedHash, header.credentialHash())) {
            throw new EnvelopeException("This encrypted package belongs to another credential than the one expected");
        }
        byte[] h = header.encode();
        int chunk = header.segmentSize() + TAG;
        byte[] sealed = new byte[chunk];
        byte[] plain = new byte[header.segmentSize()];
        int n = readUpTo(in, sealed, 0);
        int index = 0;
        try {
            Segments segments = new Segments(gcm.newCipher(), key, h);
            while (true) {
                if (n < TAG) {
                    throw new EnvelopeException("The encrypted package is truncated (segment " + index + " is incomplete)");
                }
                int lookAhead = n == chunk ? in.read() : -1;
                boolean last = lookAhead < 0;
                int len = segments.run(Cipher.DECRYPT_MODE, index, last, sealed, n, plain);
                out.write(plain, 0, len);
                if (last) {
                    return header;
                }
                sealed[0] = (byte) lookAhead;
                n = 1 + readUpTo(in, sealed, 1);
                index++;
            }
        } catch (AEADBadTagException e) {
            throw new EnvelopeException("The encrypted package does not open with this key: the key is wrong, or the "
                    + "package was altered or truncated (segment " + index + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this Java runtime", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Seals or opens segments one after another with one cipher and one key object (a native provider keeps the key
     * schedule of a key object it has seen), with the AAD {@code header || index || final} in one reused buffer.
     */
    private static final class Segments {
        private final Cipher cipher;
        private final SecretKeySpec key;
        private final byte[] baseNonce;
        private final byte[] nonce = new byte[12];
        private final byte[] aad;
        private final int header;

        Segments(Cipher cipher, byte[] key, byte[] header) {
            this.cipher = cipher;
            this.key = new SecretKeySpec(key, "AES");
            this.baseNonce = Arrays.copyOfRange(header, 10, 22);
            this.header = header.length;
            this.aad = Arrays.copyOf(header, header.length + 5);
        }

        int run(int mode, int index, boolean last, byte[] data, int len, byte[] out) throws GeneralSecurityException {
            System.arraycopy(baseNonce, 0, nonce, 0, 12);
            ByteBuffer.wrap(nonce, 8, 4).putInt(ByteBuffer.wrap(baseNonce, 8, 4).getInt() ^ index);
            ByteBuffer.wrap(aad, header, 5).putInt(index).put((byte) (last ? 1 : 0));
            cipher.init(mode, key, new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(data, 0, len, out, 0);
        }
    }

    private static void checkKey(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("an AES-256 content key has 32 bytes");
        }
    }

    private static int readUpTo(InputStream in, byte[] buf, int from) throws IOException {
        int total = from;
        while (total < buf.length) {
            int r = in.read(buf, total, buf.length - total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total - from;
    }
}
