package io.enclave.crypto.envelope;

import io.enclave.crypto.GcmProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;

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
    private static final int TAG = SegmentCipher.TAG;

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
        // The look-ahead byte tells whether a full segment is the last one without reading a whole second segment.
        SegmentCipher segments = SegmentCipher.acquire(gcm, segmentSize, key, h);
        byte[] buf = segments.buffer;
        int used = 0;
        try {
            int n = readUpTo(plaintext, buf, 0, segmentSize);
            int index = 0;
            while (true) {
                used = Math.max(used, n);
                int lookAhead = n == segmentSize ? plaintext.read() : -1;
                boolean last = lookAhead < 0;
                int len = segments.run(true, index, last, n);
                out.write(buf, 0, len);
                if (last) {
                    break;
                }
                buf[0] = (byte) lookAhead;
                n = 1 + readUpTo(plaintext, buf, 1, segmentSize);
                index++;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM failed in " + gcm.description(), e);
        } finally {
            // Sealed in place: a segment's plaintext stays in the buffer only if reading or sealing failed midway.
            segments.release(used);
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
        SegmentCipher segments = SegmentCipher.acquire(gcm, header.segmentSize(), key, h);
        byte[] buf = segments.buffer;
        int used = 0;
        int index = 0;
        try {
            int n = readUpTo(in, buf, 0, chunk);
            while (true) {
                used = Math.max(used, n);
                if (n < TAG) {
                    throw new EnvelopeException("The encrypted package is truncated (segment " + index + " is incomplete)");
                }
                int lookAhead = n == chunk ? in.read() : -1;
                boolean last = lookAhead < 0;
                int len = segments.run(false, index, last, n);
                out.write(buf, 0, len);
                if (last) {
                    return header;
                }
                buf[0] = (byte) lookAhead;
                n = 1 + readUpTo(in, buf, 1, chunk);
                index++;
            }
        } catch (AEADBadTagException e) {
            throw new EnvelopeException("The encrypted package does not open with this key: the key is wrong, or the "
                    + "package was altered or truncated (segment " + index + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM failed in " + gcm.description(), e);
        } finally {
            segments.release(used);
        }
    }

    private static void checkKey(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("an AES-256 content key has 32 bytes");
        }
    }

    private static int readUpTo(InputStream in, byte[] buf, int from, int limit) throws IOException {
        int total = from;
        while (total < limit) {
            int r = in.read(buf, total, limit - total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total - from;
    }
}
