package io.enclave.storage.ipfs;

import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * A content identifier, version 1, with codec raw (0x55) or dag-pb (0x70) and a sha2-256 multihash; its text
 * form is multibase base32 ({@code b...}). CIDv0 text ({@code Qm...}) is refused: Enclave writes and reads v1 only.
 */
public final class Cid {
    public static final int RAW = 0x55;
    public static final int DAG_PB = 0x70;

    private final int codec;
    private final Multihash multihash;

    public Cid(int codec, Multihash multihash) {
        if (codec != RAW && codec != DAG_PB) {
            throw new IllegalArgumentException("unsupported CID codec 0x" + Integer.toHexString(codec)
                    + ": only raw (0x55) and dag-pb (0x70)");
        }
        this.codec = codec;
        this.multihash = Objects.requireNonNull(multihash);
    }

    /** The CID of a raw block holding exactly {@code data}. */
    public static Cid raw(byte[] data) {
        return new Cid(RAW, Multihash.sha256Of(data));
    }

    public static Cid parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty CID");
        }
        if (text.startsWith("Qm")) {
            throw new IllegalArgumentException("CIDv0 '" + text + "' is not accepted: ask the node for CIDv1 (cid-version=1)");
        }
        if (text.charAt(0) != 'b') {
            throw new IllegalArgumentException("CID '" + text + "' is not base32 multibase (must start with 'b')");
        }
        try {
            return fromBytes(Base32.decode(text.substring(1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid CID '" + text + "': " + e.getMessage(), e);
        }
    }

    public static Cid fromBytes(byte[] bytes) {
        Varint.Reader r = new Varint.Reader(bytes);
        long version = r.readVarint();
        if (version != 1) {
            throw new IllegalArgumentException("CID version " + version + " is not supported (only 1)");
        }
        long codec = r.readVarint();
        if (codec > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("CID codec out of range");
        }
        Multihash mh = Multihash.read(r);
        if (r.hasMore()) {
            throw new IllegalArgumentException("trailing bytes after the multihash");
        }
        return new Cid((int) codec, mh);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(36);
        Varint.write(out, 1);
        Varint.write(out, codec);
        multihash.write(out);
        return out.toByteArray();
    }

    public int codec() {
        return codec;
    }

    public Multihash multihash() {
        return multihash;
    }

    public boolean isRaw() {
        return codec == RAW;
    }

    /** True if {@code block} is the block this CID names (its sha2-256 matches). */
    public boolean matches(byte[] block) {
        return multihash.matches(block);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid c && c.codec == codec && c.multihash.equals(multihash);
    }

    @Override
    public int hashCode() {
        return 31 * codec + multihash.hashCode();
    }

    @Override
    public String toString() {
        return "b" + Base32.encode(toBytes());
    }
}
