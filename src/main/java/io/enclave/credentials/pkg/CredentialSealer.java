package io.enclave.credentials.pkg;

import io.enclave.crypto.envelope.Envelope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;

/** Seller side: encrypts a credential package under a fresh content key and keeps that key wrapped to the seller. */
public final class CredentialSealer {
    private final SecureRandom random;
    private final Envelope envelope;

    public CredentialSealer(SecureRandom random) {
        this.random = random;
        this.envelope = new Envelope(random, Envelope.DEFAULT_SEGMENT);
    }

    public CredentialSealer() {
        this(new SecureRandom());
    }

    /**
     * Writes the encrypted package (AES-256-GCM envelope bound to the credential hash) to {@code out}.
     *
     * @param sellerPublicKey the seller's secp256k1 public key (64 or 65 bytes), for the seller's copy of the key
     */
    public SealedCredential seal(CredentialPackage pkg, OutputStream out, byte[] sellerPublicKey)
            throws IOException, KeyDeliveryException {
        byte[] canonical = pkg.canonicalBytes();
        byte[] hash = org.web3j.crypto.Hash.sha3(canonical);
        try (ContentKey key = ContentKey.generate(random)) {
            byte[] sellerCopy = key.wrapFor(sellerPublicKey);
            envelope.encrypt(new ByteArrayInputStream(canonical), out, key.bytes(), hash);
            return new SealedCredential(hash, key.commitment(), sellerCopy);
        } finally {
            Arrays.fill(canonical, (byte) 0);
        }
    }
}
