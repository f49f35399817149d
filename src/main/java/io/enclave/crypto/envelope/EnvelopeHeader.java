package io.enclave.crypto.envelope;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The clear header in front of every encrypted credential package; all of it is authenticated (it is the AAD of
 * every segment). Layout, 54 bytes:
 * <pre>
 *   magic "ENCV" (4) | version 0x01 (1) | algorithm 0x01 = AES-256-GCM, segmented (1) |
 *   segment size, big-endian (4) | base nonce (12) | credential hash, keccak256 of the package (32)
 * </pre>
 */
public record EnvelopeHeader(int version, int algorithm, int segmentSize, byte[] baseNonce, byte[] credentialHash) {
    static final byte[] MAGIC = {'E', 'N', 'C', 'V'};
    public static final int VERSION = 1;
    public static final int AES_256_GCM_SEGMENTED = 1;
    public static final int LENGTH = 4 + 1 + 1 + 4 + 12 + 32;
    static final int MIN_SEGMENT = 1024;
    static final int MAX_SEGMENT = 16 << 20;

    public EnvelopeHeader {
        baseNonce = baseNonce.clone();
        credentialHash = credentialHash.clone();
    }

    byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put(MAGIC).put((byte) version).put((byte) algorithm).putInt(segmentSize)
                .put(baseNonce).put(credentialHash).array();
    }

    /** Reads and checks a header; every problem is named. */
    public static EnvelopeHeader read(InputStream in) throws IOException, EnvelopeException {
        byte[] b = new byte[LENGTH];
        try {
            new DataInputStream(in).readFully(b);
        } catch (EOFException e) {
            throw new EnvelopeException("Not an Enclave encrypted package: the file is shorter than its header", e);
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        byte[] magic = new byte[4];
        buf.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new EnvelopeException("Not an Enclave encrypted package (wrong magic bytes)");
        }
        int version = buf.get() & 0xff;
        if (version != VERSION) {
            throw new EnvelopeException("Encrypted package format version " + version
                    + " is not supported by this version of Enclave (it reads version " + VERSION + "): update Enclave");
        }
        int algorithm = buf.get() & 0xff;
        if (algorithm != AES_256_GCM_SEGMENTED) {
            throw new EnvelopeException("Unknown encryption algorithm id " + algorithm + " in the package header");
        }
        int segment = buf.getInt();
        if (segment < MIN_SEGMENT || segment > MAX_SEGMENT) {
            throw new EnvelopeException("Invalid segment size " + segment + " in the package header");
        }
        byte[] nonce = new byte[12];
        buf.get(nonce);
        byte[] hash = new byte[32];
        buf.get(hash);
        return new EnvelopeHeader(version, algorithm, segment, nonce, hash);
    }

    @Override
    public byte[] baseNonce() {
        return baseNonce.clone();
    }

    @Override
    public byte[] credentialHash() {
        return credentialHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnvelopeHeader h && Arrays.equals(encode(), h.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "EnvelopeHeader[v" + version + ", segment " + segmentSize + ", credential 0x"
                + HexFormat.of().formatHex(credentialHash) + "]";
    }
}
