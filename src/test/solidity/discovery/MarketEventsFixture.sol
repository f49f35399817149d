// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Test fixture for the discovery indexer: emits events shaped exactly like the marketplace, trust and registry
/// contracts' (see io.enclave.discovery.indexer.EventMappings), on demand. Not deployed anywhere but a test anvil.
contract MarketEventsFixture {
    event ListingCreated(uint256 indexed listingId, address indexed seller, bytes32 indexed credentialHash,
        uint256 price, bytes32 metadataDigest);
    event PriceUpdated(uint256 indexed listingId, uint256 price);
    event ListingRemoved(uint256 indexed listingId);
    event CredentialPurchased(uint256 indexed purchaseId, uint256 indexed listingId, address indexed buyer, uint256 price);
    event KeyDelivered(uint256 indexed purchaseId);
    event Refunded(uint256 indexed purchaseId);
    event DisputeOpened(uint256 indexed purchaseId, bytes32 evidenceDigest);
    event Vouched(address indexed voucher, address indexed subject, uint256 amount);
    event Slashed(address indexed subject, uint256 amount);
    event IssuerRegistered(address indexed issuer, string name);
    event IssuerRevoked(address indexed issuer);
    event SchemaRegistered(bytes32 indexed schemaId, address indexed registeredBy, string typeName);
    event Unrelated(uint256 value);

    function list(uint256 id, address seller, bytes32 credentialHash, uint256 price, bytes32 digest) external {
        emit ListingCreated(id, seller, credentialHash, price, digest);
    }

    /// `count` listings with ids first..first+count-1, one seller, prices 1..count gwei.
    function listMany(uint256 first, uint256 count, address seller, bytes32 digest) external {
        for (uint256 i = 0; i < count; i++) {
            emit ListingCreated(first + i, seller, keccak256(abi.encode(first + i)), (i + 1) * 1 gwei, digest);
        }
    }

    function updatePrice(uint256 id, uint256 price) external {
        emit PriceUpdated(id, price);
    }

    function remove(uint256 id) external {
        emit ListingRemoved(id);
    }

    function purchase(uint256 purchaseId, uint256 listingId, address buyer, uint256 price) external {
        emit CredentialPurchased(purchaseId, listingId, buyer, price);
    }

    function deliver(uint256 purchaseId) external {
        emit KeyDelivered(purchaseId);
    }

    function refund(uint256 purchaseId) external {
        emit Refunded(purchaseId);
    }

    function dispute(uint256 purchaseId, bytes32 evidence) external {
        emit DisputeOpened(purchaseId, evidence);
    }

    function vouch(address voucher, address subject, uint256 amount) external {
        emit Vouched(voucher, subject, amount);
    }

    function slash(address subject, uint256 amount) external {
        emit Slashed(subject, amount);
    }

    function registerIssuer(address issuer, string calldata name) external {
        emit IssuerRegistered(issuer, name);
    }

    function revokeIssuer(address issuer) external {
        emit IssuerRevoked(issuer);
    }

    function registerSchema(bytes32 schemaId, address by, string calldata typeName) external {
        emit SchemaRegistered(schemaId, by, typeName);
    }

    function unrelated(uint256 value) external {
        emit Unrelated(value);
    }
}
