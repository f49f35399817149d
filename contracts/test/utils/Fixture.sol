// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./Test.sol";
import {CredentialRegistry} from "../../src/registry/CredentialRegistry.sol";
import {Marketplace} from "../../src/market/Marketplace.sol";
import {TrustStaking} from "../../src/staking/TrustStaking.sol";
import {EnclaveProxy} from "../../src/common/EnclaveProxy.sol";

/// @dev The three UUPS contracts behind proxies with an EOA standing in for the timelock (`gov`).
abstract contract Fixture is Test {
    address internal constant GOV = address(0x6070);
    address internal constant GUARDIAN = address(0x6A4D);
    address internal constant TREASURY = address(0x7EA5);
    address internal constant ISSUER = address(0x155E);
    uint256 internal constant BJ_X = 0x1234;
    uint256 internal constant BJ_Y = 0x5678;
    uint16 internal constant ROYALTY_BPS = 500;
    uint16 internal constant FEE_BPS = 250;
    uint32 internal constant DELIVERY = 2 days;
    uint32 internal constant DISPUTE = 3 days;
    uint32 internal constant UNBONDING = 7 days;
    uint96 internal constant MIN_STAKE = 0.1 ether;

    uint256 internal constant SELLER_PK = 0xA11CE;
    uint256 internal constant BUYER_PK = 0xB0B;
    address internal seller;
    address internal buyer;
    bytes internal buyerKey;

    CredentialRegistry internal registry;
    Marketplace internal market;
    TrustStaking internal staking;

    function deployFixture() internal {
        registry = CredentialRegistry(address(new EnclaveProxy(address(new CredentialRegistry()),
            abi.encodeCall(CredentialRegistry.initialize, (GOV, GUARDIAN)))));
        market = Marketplace(address(new EnclaveProxy(address(new Marketplace(registry)),
            abi.encodeCall(Marketplace.initialize, (GOV, GUARDIAN, marketParams())))));
        staking = TrustStaking(address(new EnclaveProxy(address(new TrustStaking()),
            abi.encodeCall(TrustStaking.initialize, (GOV, GUARDIAN, stakingParams())))));
        vm.prank(GOV);
        registry.registerIssuer(ISSUER, BJ_X, BJ_Y, ROYALTY_BPS);
        (seller,) = publicKeyOf(SELLER_PK);
        (buyer, buyerKey) = publicKeyOf(BUYER_PK);
        vm.deal(seller, 100 ether);
        vm.deal(buyer, 100 ether);
    }

    function marketParams() internal pure returns (Marketplace.Params memory) {
        return Marketplace.Params(TREASURY, FEE_BPS, DELIVERY, DISPUTE);
    }

    function stakingParams() internal pure returns (TrustStaking.Params memory) {
        return TrustStaking.Params(TREASURY, MIN_STAKE, UNBONDING);
    }

    function anchorAs(address holder, bytes32 h) internal {
        vm.prank(holder);
        registry.anchor(h, ISSUER, bytes32("schema"), keccak256(abi.encode(h)), bytes32(0));
    }

    function listAs(address holder, bytes32 h, uint96 price) internal returns (uint256 id) {
        anchorAs(holder, h);
        vm.prank(holder);
        id = market.createListing(h, price, bytes32("meta"), bytes32("commit"));
    }

    function buy(uint256 listingId, uint256 price) internal returns (uint256 purchaseId) {
        vm.prank(buyer);
        purchaseId = market.purchase{value: price}(listingId, buyerKey);
    }
}
