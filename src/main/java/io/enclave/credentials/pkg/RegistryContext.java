package io.enclave.credentials.pkg;

import io.enclave.credentials.schema.FieldEncoding;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Locale;
import org.web3j.crypto.Hash;

/**
 * The context of a proof made for {@code CredentialRegistry.markVerified} (docs/ZK.md, "On-chain verification"):
 * {@code keccak256(abi.encodePacked(uint256 chainId, address registry, address holder)) mod r}, the registry's
 * {@code verificationContext(holder)}. Its 72-byte preimage cannot collide with a sale's {@link ContextBinding}
 * (104 bytes), so a proof sold to a buyer is useless to the registry and the other way round.
 */
public record RegistryContext(long chainId, String registry, String holder) {

    public RegistryContext {
        if (chainId <= 0) {
            throw new IllegalArgumentException("chain id must be positive");
        }
        registry = address(registry, "registry");
        holder = address(holder, "holder");
    }

    public BigInteger fieldElement() {
        ByteBuffer b = ByteBuffer.allocate(72);
        byte[] id = BigInteger.valueOf(chainId).toByteArray();
        b.position(32 - id.length).put(id);
        b.put(HexFormat.of().parseHex(registry.substring(2)));
        b.put(HexFormat.of().parseHex(holder.substring(2)));
        return new BigInteger(1, Hash.sha3(b.array())).mod(FieldEncoding.R);
    }

    private static String address(String a, String what) {
        if (a == null || !a.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException(what + " must be a 0x-prefixed 20-byte address");
        }
        return a.toLowerCase(Locale.ROOT);
    }
}
