package io.enclave.storage.ipfs;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A multihash; only sha2-256 (code 0x12, 32 bytes) is accepted, the hash every IPFS implementation uses by default. */
public final class Multihash {
    public static final int SHA2_256 = 0x12;
    private final byte[] digest;

    private Multihash(byte[] digest) {
        this.digest = digest.clone();
    }

    public static Multihash sha256Of(byte[] data) {
        return sha256Of(data, 0, data.length);
    }

    public static Multihash sha256Of(byte[] data, int offset, int length) {
        MessageDigest md = sha256();
        md.update(data, offset, length);
        return new Multihash(md.digest());
    }

    public static Multihash ofSha256Digest(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a sha2-256 digest has 32 bytes, not " + digest.length);
        }
        return new Multihash(digest);
    }

    static Multihash read(Varint.Reader r) {
        long code = r.readVarint();
        long length = r.readVarint();
        if (code != SHA2_256) {
            throw new IllegalArgumentException("unsupported multihash 0x" + Long.toHexString(code)
                    + ": Enclave verifies sha2-256 content only");
        }
        if (length != 32) {
            throw new IllegalArgumentException("sha2-256 multihash with length " + length + " (must be 32)");
        }
        return new Multihash(r.readBytes(32));
    }

    void write(ByteArrayOutputStream out) {
        Varint.write(out, SHA2_256);
        Varint.write(out, digest.length);
        out.writeBytes(digest);
    }

    public byte[] digest() {
        return digest.clone();
    }

    /** True if {@code data} hashes to this multihash. */
    public boolean matches(byte[] data) {
        return MessageDigest.isEqual(digest, sha256().digest(data));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multihash m && Arrays.equals(digest, m.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "sha2-256:" + HexFormat.of().formatHex(digest);
    }
}
