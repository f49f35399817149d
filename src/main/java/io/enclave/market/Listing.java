package io.enclave.market;

import java.math.BigInteger;

/**
 * A listing as the chain has it, with its metadata document when it could be fetched and checked.
 *
 * @param price the price in wei; zero once the seller removed the listing
 * @param metadataDigest sha2-256 of the metadata document (the digest inside its raw CIDv1), 0x-hex
 * @param keyCommitment keccak256 of the content key, 0x-hex
 * @param metadata the metadata document, or null when it was not fetched or did not match the digest
 */
public record Listing(BigInteger id, String seller, BigInteger price, String credentialHash, String metadataDigest,
                      String keyCommitment, ListingMetadata metadata) {
    public boolean active() {
        return price.signum() > 0;
    }

    public Listing withMetadata(ListingMetadata m) {
        return new Listing(id, seller, price, credentialHash, metadataDigest, keyCommitment, m);
    }
}
