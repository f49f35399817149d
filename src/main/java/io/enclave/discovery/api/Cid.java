package io.enclave.discovery.api;

import io.enclave.storage.ipfs.Multihash;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The CID the discovery API shows for a content digest stored on chain: CIDv1, raw codec, sha2-256
 * ({@code "b" + base32(0x01 0x55 0x12 0x20 + digest)}), built with the storage layer's CID code.
 */
public final class Cid {
    private Cid() {
    }

    /** The CID of the raw block whose sha-256 is {@code digestHex} (0x-prefixed 32 bytes). */
    public static String rawSha256(String digestHex) {
        String h = digestHex.toLowerCase(Locale.ROOT);
        if (!h.matches("0x[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a 32-byte hex digest: " + digestHex);
        }
        byte[] digest = HexFormat.of().parseHex(h.substring(2));
        return new io.enclave.storage.ipfs.Cid(io.enclave.storage.ipfs.Cid.RAW, Multihash.ofSha256Digest(digest)).toString();
    }
}
