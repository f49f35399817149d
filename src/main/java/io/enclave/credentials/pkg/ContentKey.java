package io.enclave.credentials.pkg;

import io.enclave.crypto.ecies.EciesException;
import io.enclave.crypto.ecies.Secp256k1Ecies;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.web3j.crypto.Hash;

/**
 * The AES-256 key of one listing's encrypted package. A listing publishes only its {@link #commitment()}
 * (keccak256 of the key). The seller keeps a copy wrapped to its own key; on a purchase it unwraps that copy and
 * {@link #wrapFor wraps the key for the buyer}; the buyer {@link #unwrap unwraps} it and checks it against the
 * commitment before using it. Close it to wipe the key.
 */
public final class ContentKey implements AutoCloseable {
    private final byte[] key;
    private final Secp256k1Ecies ecies;
    private boolean closed;

    private ContentKey(byte[] key, Secp256k1Ecies ecies) {
        this.key = key;
        this.ecies = ecies;
    }

    public static ContentKey generate(SecureRandom random) {
        byte[] k = new byte[32];
        random.nextBytes(k);
        return new ContentKey(k, new Secp256k1Ecies(random));
    }

    /** keccak256 of a 32-byte key. */
    public static byte[] commitmentOf(byte[] key) {
        return Hash.sha3(key);
    }

    public byte[] commitment() {
        return commitmentOf(bytes());
    }

    /** The key wrapped with ECIES to a secp256k1 public key (64 bytes as the marketplace stores it, or 65). */
    public byte[] wrapFor(byte[] publicKey) throws KeyDeliveryException {
        try {
            return ecies.encrypt(publicKey, bytes());
        } catch (EciesException e) {
            throw new KeyDeliveryException("Cannot wrap the content key for this public key: " + e.getMessage(), e);
        }
    }

    /**
     * Unwraps a key wrapped to {@code holder} and checks it against the listing's commitment: a key that opens but is
     * not the committed one is refused (the seller delivered a wrong key: open a dispute).
     */
    public static ContentKey unwrap(EciesKeyHolder holder, byte[] wrapped, byte[] commitment) throws KeyDeliveryException {
        byte[] k;
        try {
            k = holder.decrypt(wrapped);
        } catch (EciesException e) {
            throw new KeyDeliveryException("The delivered key cannot be opened: " + e.getMessage(), e);
        }
        return checked(k, commitment);
    }

    /** Takes {@code k} (wiped when refused) as the content key if it is the committed one. */
    static ContentKey checked(byte[] k, byte[] commitment) throws KeyDeliveryException {
        if (k.length != 32 || !MessageDigest.isEqual(commitmentOf(k), commitment)) {
            Arrays.fill(k, (byte) 0);
            throw new KeyDeliveryException("The delivered key is not the key the listing committed to: the seller sent a "
                    + "wrong key; do not trust this purchase's content and open a dispute");
        }
        return new ContentKey(k, new Secp256k1Ecies());
    }

    /** The raw key for the envelope, only inside this package. */
    byte[] bytes() {
        if (closed) {
            throw new IllegalStateException("the content key was closed and wiped");
        }
        return key;
    }

    @Override
    public void close() {
        Arrays.fill(key, (byte) 0);
        closed = true;
    }
}
