package io.enclave.credentials.pkg;

import io.enclave.crypto.ecies.EciesException;
import io.enclave.crypto.ecies.Secp256k1Ecies;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a seller sends a buyer in {@code deliverKey(purchaseId, bytes)}: one ECIES (secp256k1) payload to the public
 * key the buyer registered with its purchase. Two formats, told apart by the decrypted length:
 * <ul>
 *   <li><b>key only</b> (deliveries before per-buyer proofs): the 32-byte content key;</li>
 *   <li><b>version 1</b>: {@code "ENCD" ‖ 0x01 ‖ content key (32) ‖} {@link PerBuyerProof#toBytes()} ({@value
 *   PerBuyerProof#BYTES}) = {@value #V1_BYTES} bytes, {@value #V1_WIRE_BYTES} bytes on chain.</li>
 * </ul>
 * Everything is inside the ECIES payload: only the buyer learns the proof, as only the buyer learns the key.
 */
public final class KeyDelivery {
    static final byte[] MAGIC = {'E', 'N', 'C', 'D'};
    public static final int VERSION = 1;
    public static final int V1_BYTES = MAGIC.length + 1 + 32 + PerBuyerProof.BYTES;
    /** ECIES adds 97 bytes (ephemeral key 65, nonce 16, tag 16). */
    public static final int V1_WIRE_BYTES = V1_BYTES + 97;

    private KeyDelivery() {
    }

    /** A delivery opened by its buyer: the checked content key and, when the seller made one, the per-buyer proof. */
    public record Opened(ContentKey key, Optional<PerBuyerProof> proof) implements AutoCloseable {
        @Override
        public void close() {
            key.close();
        }
    }

    /** Wraps the content key, and the per-buyer proof when there is one (null: a key-only delivery), to the buyer. */
    public static byte[] wrap(ContentKey key, PerBuyerProof proof, byte[] buyerPublicKey) throws KeyDeliveryException {
        if (proof == null) {
            return key.wrapFor(buyerPublicKey);
        }
        ByteBuffer b = ByteBuffer.allocate(V1_BYTES);
        b.put(MAGIC).put((byte) VERSION).put(key.bytes()).put(proof.toBytes());
        byte[] plain = b.array();
        try {
            return new Secp256k1Ecies().encrypt(buyerPublicKey, plain);
        } catch (EciesException e) {
            throw new KeyDeliveryException("Cannot wrap the delivery for this public key: " + e.getMessage(), e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Opens a delivery with the buyer's key and checks the content key against the listing's commitment. A malformed
     * proof part is refused like a wrong key: the seller sent something that is not a delivery.
     */
    public static Opened open(EciesKeyHolder holder, byte[] delivered, byte[] commitment) throws KeyDeliveryException {
        byte[] plain;
        try {
            plain = holder.decrypt(delivered);
        } catch (EciesException e) {
            throw new KeyDeliveryException("The delivered key cannot be opened: " + e.getMessage(), e);
        }
        try {
            if (plain.length == 32) {
                return new Opened(ContentKey.checked(plain.clone(), commitment), Optional.empty());
            }
            if (plain.length < MAGIC.length + 1 || !Arrays.equals(Arrays.copyOf(plain, MAGIC.length), MAGIC)) {
                throw new KeyDeliveryException("The delivery is neither a content key nor an Enclave delivery ("
                        + plain.length + " bytes): the seller sent something else; open a dispute");
            }
            int version = plain[MAGIC.length] & 0xff;
            if (version != VERSION || plain.length != V1_BYTES) {
                throw new KeyDeliveryException("The delivery has format version " + version + " and " + plain.length
                        + " bytes; this app reads version " + VERSION + " (" + V1_BYTES + " bytes). Update Enclave, or "
                        + "open a dispute if it is current");
            }
            int off = MAGIC.length + 1;
            ContentKey key = ContentKey.checked(Arrays.copyOfRange(plain, off, off + 32), commitment);
            try {
                PerBuyerProof proof = PerBuyerProof.fromBytes(Arrays.copyOfRange(plain, off + 32, plain.length));
                return new Opened(key, Optional.of(proof));
            } catch (PackageException | IllegalArgumentException e) {
                key.close();
                throw new KeyDeliveryException("The delivery's per-buyer proof is malformed: " + e.getMessage()
                        + "; open a dispute", e);
            }
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }
}
