package io.enclave.discovery.indexer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that says which contract events the indexer follows. When the contracts' final ABIs land, adjust the
 * declarations here (the argument names are what {@link Projector} reads) — nothing else refers to signatures.
 */
public final class EventMappings {
    /** The marketplace, trust and registry events, as declared in Solidity. */
    public static final List<String> DECLARATIONS = List.of(
            "ListingCreated(uint256 indexed listingId, address indexed seller, bytes32 indexed credentialHash,"
                    + " uint256 price, bytes32 metadataDigest)",
            "PriceUpdated(uint256 indexed listingId, uint256 price)",
            "ListingRemoved(uint256 indexed listingId)",
            "CredentialPurchased(uint256 indexed purchaseId, uint256 indexed listingId, address indexed buyer,"
                    + " uint256 price)",
            "KeyDelivered(uint256 indexed purchaseId)",
            "Refunded(uint256 indexed purchaseId)",
            "DisputeOpened(uint256 indexed purchaseId, bytes32 evidenceDigest)",
            "Vouched(address indexed voucher, address indexed subject, uint256 amount)",
            "Slashed(address indexed subject, uint256 amount)",
            "IssuerRegistered(address indexed issuer, string name)",
            "IssuerRevoked(address indexed issuer)",
            "SchemaRegistered(bytes32 indexed schemaId, address indexed registeredBy, string typeName)");

    private EventMappings() {
    }

    /** Decoders keyed by topic 0, in declaration order. */
    public static Map<String, EventDecoder> decoders() {
        return decoders(DECLARATIONS);
    }

    public static Map<String, EventDecoder> decoders(List<String> declarations) {
        Map<String, EventDecoder> byTopic = new LinkedHashMap<>();
        for (String d : declarations) {
            AbiEventDecoder decoder = new AbiEventDecoder(EventSignature.parse(d));
            if (byTopic.put(decoder.topic(), decoder) != null) {
                throw new IllegalArgumentException("Duplicate event declaration: " + d);
            }
        }
        return byTopic;
    }
}
