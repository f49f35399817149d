package io.enclave.credentials.pkg;

/**
 * What sealing a package gives the seller besides the ciphertext: the credential hash (anchored on-chain), the
 * commitment to the content key (published with the listing) and the content key wrapped to the seller's own key (kept,
 * to deliver the key to buyers later).
 */
public record SealedCredential(byte[] credentialHash, byte[] keyCommitment, byte[] sellerWrappedKey) {
    public SealedCredential {
        credentialHash = credentialHash.clone();
        keyCommitment = keyCommitment.clone();
        sellerWrappedKey = sellerWrappedKey.clone();
    }

    @Override
    public byte[] credentialHash() {
        return credentialHash.clone();
    }

    @Override
    public byte[] keyCommitment() {
        return keyCommitment.clone();
    }

    @Override
    public byte[] sellerWrappedKey() {
        return sellerWrappedKey.clone();
    }
}
