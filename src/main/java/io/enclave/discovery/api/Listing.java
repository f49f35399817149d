package io.enclave.discovery.api;

import java.util.List;

/**
 * A listing as the discovery API serves it. Amounts are wei as decimal strings (uint256 does not fit a JSON number);
 * title, description, tags and type come from the metadata document, verified against {@code metadataDigest}, and are
 * null while {@code metadataStatus} is {@code pending}.
 */
public record Listing(String id, String seller, String credentialHash, String priceWei, String metadataDigest,
        String metadataCid, String status, int purchaseCount, int sellerReputation, String issuer, String type,
        String title, String description, List<String> tags, String metadataStatus, long createdBlock, String createdAt,
        String txHash) {
}
