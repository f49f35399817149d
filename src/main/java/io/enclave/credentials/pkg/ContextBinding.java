package io.enclave.credentials.pkg;

import io.enclave.credentials.schema.FieldEncoding;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.web3j.crypto.Hash;

/**
 * What a proof is bound to, so that a bought proof cannot be resold: the chain, the marketplace contract, the listing
 * and the buyer. The circuit takes it as one public input, {@link #fieldElement()} =
 * {@code keccak256(uint256 chainId || address marketplace || uint256 listingId || address buyer) mod r} — the packed
 * 32 + 20 + 32 + 20 bytes Solidity's {@code abi.encodePacked} gives, so a contract can recompute it.
 */
public record ContextBinding(long chainId, String marketplace, BigInteger listingId, String buyer) {

    public ContextBinding {
        if (chainId <= 0) {
            throw new IllegalArgumentException("chain id must be positive");
        }
        marketplace = address(marketplace, "marketplace");
        buyer = address(buyer, "buyer");
        if (listingId.signum() < 0 || listingId.bitLength() > 256) {
            throw new IllegalArgumentException("listing id must be a uint256");
        }
    }

    public BigInteger fieldElement() {
        ByteBuffer b = ByteBuffer.allocate(104);
        b.put(uint256(BigInteger.valueOf(chainId)));
        b.put(HexFormat.of().parseHex(marketplace.substring(2)));
        b.put(uint256(listingId));
        b.put(HexFormat.of().parseHex(buyer.substring(2)));
        return new BigInteger(1, Hash.sha3(b.array())).mod(FieldEncoding.R);
    }

    public String display() {
        return "chain " + chainId + ", marketplace " + marketplace + ", listing " + listingId + ", buyer " + buyer;
    }

    private static byte[] uint256(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    private static String address(String a, String what) {
        if (a == null || !a.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException(what + " must be a 0x-prefixed 20-byte address");
        }
        return a.toLowerCase(java.util.Locale.ROOT);
    }
}
