// SPDX-License-Identifier: MIT
pragma solidity ^0.8.21;

import {Marketplace} from "contracts/src/market/Marketplace.sol";
import {CredentialRegistry} from "contracts/src/registry/CredentialRegistry.sol";
import {TrustStaking} from "contracts/src/staking/TrustStaking.sol";

/// Test fixture for the discovery indexer's volume, reorg and crash tests: emits the real contracts' events (qualified
/// access to the events declared in contracts/src, so the compiler keeps them identical) with arbitrary arguments and
/// in bulk. The end-to-end flows run through the real contracts (IndexerSuiteIT). Never deployed but on a test anvil;
/// the indexer is pointed at it under every contract name.
contract MarketEventsFixture {
    event Unrelated(uint256 value);

    function anchor(bytes32 credentialHash, address holder, address issuer) external {
        emit CredentialRegistry.CredentialAnchored(credentialHash, holder, issuer, bytes32("schema"), bytes32(0), bytes32(0));
    }

    function list(uint256 id, address seller, bytes32 credentialHash, uint256 price, bytes32 digest) external {
        emit Marketplace.ListingCreated(id, credentialHash, seller, price, digest, keccak256(abi.encode(id)));
    }

    /// `count` listings with ids first..first+count-1, one seller, prices 1..count gwei.
    function listMany(uint256 first, uint256 count, address seller, bytes32 digest) external {
        for (uint256 i = 0; i < count; i++) {
            emit Marketplace.ListingCreated(first + i, keccak256(abi.encode(first + i)), seller, (i + 1) * 1 gwei, digest,
                bytes32(0));
        }
    }

    function updatePrice(uint256 id, uint256 price) external {
        emit Marketplace.PriceUpdated(id, price);
    }

    function remove(uint256 id) external {
        emit Marketplace.ListingRemoved(id);
    }

    function purchase(uint256 purchaseId, uint256 listingId, address buyer, uint256 price) external {
        emit Marketplace.CredentialPurchased(purchaseId, listingId, buyer, price, new bytes(64), block.timestamp + 1 days);
    }

    function deliver(uint256 purchaseId, address seller, uint256 price) external {
        emit Marketplace.KeyDelivered(purchaseId, seller, new bytes(97), price, 0, block.timestamp + 7 days);
    }

    function refund(uint256 purchaseId, address buyer, uint256 amount) external {
        emit Marketplace.Refunded(purchaseId, buyer, amount);
    }

    function dispute(uint256 purchaseId, address buyer, bytes32 evidence) external {
        emit Marketplace.DisputeOpened(purchaseId, buyer, evidence);
    }

    function vouch(address voucher, address vouchee, uint256 amount) external {
        emit TrustStaking.Vouched(voucher, vouchee, amount, amount);
    }

    function slash(address vouchee, uint256 amount) external {
        emit TrustStaking.Slashed(vouchee, 1000, amount, address(0), 0);
    }

    function registerIssuer(address issuer, uint32 issuerId, uint16 royaltyBps) external {
        emit CredentialRegistry.IssuerRegistered(issuer, issuerId, 11, 22, royaltyBps);
    }

    function removeIssuer(address issuer) external {
        emit CredentialRegistry.IssuerRemoved(issuer);
    }

    function unrelated(uint256 value) external {
        emit Unrelated(value);
    }
}
