// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Fixture} from "./utils/Fixture.sol";
import {Marketplace} from "../src/market/Marketplace.sol";
import {CredentialRegistry} from "../src/registry/CredentialRegistry.sol";
import {Governed} from "../src/common/Governed.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @dev A payee whose receive() reverts, and one that tries to re-enter withdrawPayments.
contract RejectingPayee {
    receive() external payable {
        revert("no");
    }
}

contract ReentrantPayee {
    Marketplace internal immutable market;
    uint256 public reentered;

    constructor(Marketplace m) {
        market = m;
    }

    function pull() external {
        market.withdrawPayments();
    }

    receive() external payable {
        try market.withdrawPayments() {
            reentered++;
        } catch {
        }
    }
}

contract MarketplaceTest is Fixture {
    bytes32 internal constant H = keccak256("listed");
    uint96 internal constant PRICE = 1 ether;
    bytes internal constant WRAPPED = hex"04aabbccddeeff00112233445566778899";

    function setUp() public {
        deployFixture();
    }

    // ------------------------------------------------------------ listings

    function test_createListing() public {
        anchorAs(seller, H);
        vm.expectEmit();
        emit Marketplace.ListingCreated(1, H, seller, PRICE, "meta", "commit");
        vm.prank(seller);
        uint256 id = market.createListing(H, PRICE, "meta", "commit");
        assertEq(id, 1);
        Marketplace.Listing memory l = market.listing(1);
        assertEq(l.seller, seller);
        assertEq(l.price, PRICE);
        assertEq(l.credentialHash, H);
        (uint256 listings,) = market.counts();
        assertEq(listings, 1);
    }

    function test_createListing_reverts() public {
        anchorAs(seller, H);
        vm.prank(seller);
        vm.expectRevert(Marketplace.ZeroPrice.selector);
        market.createListing(H, 0, "", "");
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NotHolder.selector, H, buyer));
        market.createListing(H, PRICE, "", "");
        vm.prank(seller);
        registry.revoke(H);
        vm.prank(seller);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.CredentialNotValid.selector, H));
        market.createListing(H, PRICE, "", "");
        vm.prank(GUARDIAN);
        market.pause();
        vm.prank(seller);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        market.createListing(H, PRICE, "", "");
    }

    function test_updatePrice() public {
        uint256 id = listAs(seller, H, PRICE);
        vm.expectEmit();
        emit Marketplace.PriceUpdated(id, 2 ether);
        vm.prank(seller);
        market.updatePrice(id, 2 ether);
        assertEq(market.listing(id).price, 2 ether);
        vm.prank(seller);
        vm.expectRevert(Marketplace.ZeroPrice.selector);
        market.updatePrice(id, 0);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NotSeller.selector, id, buyer));
        market.updatePrice(id, 3 ether);
        vm.prank(seller);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.UnknownListing.selector, 99));
        market.updatePrice(99, 3 ether);
    }

    function test_removeListing_blocksPurchase() public {
        uint256 id = listAs(seller, H, PRICE);
        vm.expectEmit();
        emit Marketplace.ListingRemoved(id);
        vm.prank(seller);
        market.removeListing(id);
        vm.prank(seller);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.ListingInactive.selector, id));
        market.removeListing(id);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.ListingInactive.selector, id));
        market.purchase{value: PRICE}(id, buyerKey);
    }

    // ------------------------------------------------------------ purchase

    function test_purchase_escrows() public {
        uint256 id = listAs(seller, H, PRICE);
        vm.warp(1000);
        vm.expectEmit();
        emit Marketplace.CredentialPurchased(1, id, buyer, PRICE, buyerKey, 1000 + DELIVERY);
        uint256 pid = buy(id, PRICE);
        Marketplace.Purchase memory p = market.purchaseOf(pid);
        assertEq(p.buyer, buyer);
        assertEq(p.amount, PRICE);
        assertEq(p.deliverBy, 1000 + DELIVERY);
        assertTrue(p.status == Marketplace.Status.Escrowed, "escrowed");
        assertEq(address(market).balance, PRICE);
    }

    function test_purchase_checksPublicKey() public {
        uint256 id = listAs(seller, H, PRICE);
        vm.prank(buyer);
        vm.expectRevert(Marketplace.BadPublicKey.selector);
        market.purchase{value: PRICE}(id, abi.encodePacked(bytes1(0x04), buyerKey));
        (address other, bytes memory otherKey) = publicKeyOf(0xC0FFEE);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.PublicKeyNotSender.selector, other, buyer));
        market.purchase{value: PRICE}(id, otherKey);
    }

    function test_purchase_reverts() public {
        uint256 id = listAs(seller, H, PRICE);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.WrongPayment.selector, PRICE, PRICE - 1));
        market.purchase{value: PRICE - 1}(id, buyerKey);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.UnknownListing.selector, 42));
        market.purchase{value: PRICE}(42, buyerKey);
        (, bytes memory sellerKey) = publicKeyOf(SELLER_PK);
        vm.prank(seller);
        vm.expectRevert(Marketplace.SelfPurchase.selector);
        market.purchase{value: PRICE}(id, sellerKey);
        vm.prank(seller);
        registry.revoke(H);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.CredentialNotValid.selector, H));
        market.purchase{value: PRICE}(id, buyerKey);
        vm.prank(GUARDIAN);
        market.pause();
        vm.prank(buyer);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        market.purchase{value: PRICE}(id, buyerKey);
    }

    // ------------------------------------------------------------ delivery and payouts

    function test_deliverKey_releasesEscrowAsPullPayments() public {
        uint256 pid = buy(listAs(seller, H, PRICE), PRICE);
        uint256 fee = PRICE * FEE_BPS / 10_000;
        uint256 royalty = PRICE * ROYALTY_BPS / 10_000;
        vm.expectEmit();
        emit Marketplace.RoyaltyPaid(pid, ISSUER, royalty);
        vm.expectEmit();
        emit Marketplace.KeyDelivered(pid, seller, WRAPPED, PRICE - fee - royalty, fee, block.timestamp + DISPUTE);
        vm.prank(seller);
        market.deliverKey(pid, WRAPPED);
        assertEq(market.owed(TREASURY), fee);
        assertEq(market.owed(ISSUER), royalty);
        assertEq(market.owed(seller), PRICE - fee - royalty);
        assertTrue(market.purchaseOf(pid).status == Marketplace.Status.Delivered, "delivered");

        uint256 before = seller.balance;
        vm.prank(seller);
        market.withdrawPayments();
        assertEq(seller.balance - before, PRICE - fee - royalty);
        vm.prank(ISSUER);
        market.withdrawPayments();
        vm.prank(TREASURY);
        market.withdrawPayments();
        assertEq(address(market).balance, 0);
        vm.prank(seller);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NothingOwed.selector, seller));
        market.withdrawPayments();
    }

    function test_deliverKey_paysOnlyOnce() public {
        uint256 pid = buy(listAs(seller, H, PRICE), PRICE);
        vm.prank(seller);
        market.deliverKey(pid, WRAPPED);
        vm.prank(seller);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.WrongStatus.selector, pid, Marketplace.Status.Delivered));
        market.deliverKey(pid, WRAPPED);
        vm.warp(block.timestamp + DELIVERY + 1);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.WrongStatus.selector, pid, Marketplace.Status.Delivered));
        market.refund(pid);
    }

    function test_deliverKey_reverts() public {
        uint256 id = listAs(seller, H, PRICE);
        uint256 pid = buy(id, PRICE);
        vm.startPrank(seller);
        vm.expectRevert(Marketplace.BadWrappedKey.selector);
        market.deliverKey(pid, "");
        vm.expectRevert(Marketplace.BadWrappedKey.selector);
        market.deliverKey(pid, new bytes(1025));
        vm.expectRevert(abi.encodeWithSelector(Marketplace.UnknownPurchase.selector, 9));
        market.deliverKey(9, WRAPPED);
        vm.stopPrank();
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NotSeller.selector, id, buyer));
        market.deliverKey(pid, WRAPPED);
        vm.warp(block.timestamp + DELIVERY + 1);
        uint256 deliverBy = market.purchaseOf(pid).deliverBy;
        vm.prank(seller);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.DeliveryWindowClosed.selector, pid, deliverBy));
        market.deliverKey(pid, WRAPPED);
    }

    function test_deliverKey_worksAfterDelistingAndRevocation() public {
        uint256 id = listAs(seller, H, PRICE);
        uint256 pid = buy(id, PRICE);
        vm.startPrank(seller);
        market.removeListing(id);
        registry.revoke(H);
        market.deliverKey(pid, WRAPPED);
        vm.stopPrank();
        assertTrue(market.purchaseOf(pid).status == Marketplace.Status.Delivered, "delivered");
    }

    function test_deliverKey_noRoyaltyAfterIssuerRoyaltyZero() public {
        uint256 pid = buy(listAs(seller, H, PRICE), PRICE);
        vm.prank(GOV);
        registry.setIssuerRoyalty(ISSUER, 0);
        vm.prank(seller);
        market.deliverKey(pid, WRAPPED);
        assertEq(market.owed(ISSUER), 0);
        assertEq(market.owed(seller), PRICE - PRICE * FEE_BPS / 10_000);
    }

    // ------------------------------------------------------------ refund

    function test_refund_afterWindow() public {
        uint256 pid = buy(listAs(seller, H, PRICE), PRICE);
        uint256 deliverBy = market.purchaseOf(pid).deliverBy;
        vm.expectRevert(abi.encodeWithSelector(Marketplace.DeliveryWindowOpen.selector, pid, deliverBy));
        market.refund(pid);
        vm.warp(deliverBy + 1);
        vm.expectEmit();
        emit Marketplace.Refunded(pid, buyer, PRICE);
        market.refund(pid);
        assertEq(market.owed(buyer), PRICE);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.WrongStatus.selector, pid, Marketplace.Status.Refunded));
        market.refund(pid);
        vm.prank(seller);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.WrongStatus.selector, pid, Marketplace.Status.Refunded));
        market.deliverKey(pid, WRAPPED);
        uint256 before = buyer.balance;
        vm.prank(buyer);
        market.withdrawPayments();
        assertEq(buyer.balance - before, PRICE);
    }

    // ------------------------------------------------------------ disputes

    function test_dispute_andResolveWithClawback() public {
        uint256 pid = buy(listAs(seller, H, PRICE), PRICE);
        vm.prank(seller);
        market.deliverKey(pid, WRAPPED);
        uint256 sellerOwed = market.owed(seller);
        vm.prank(seller);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NotBuyer.selector, pid, seller));
        market.openDispute(pid, "evidence");
        vm.prank(buyer);
        vm.expectRevert(Marketplace.ZeroEvidence.selector);
        market.openDispute(pid, 0);
        vm.expectEmit();
        emit Marketplace.DisputeOpened(pid, buyer, "evidence");
        vm.prank(buyer);
        market.openDispute(pid, "evidence");
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.WrongStatus.selector, pid, Marketplace.Status.Disputed));
        market.openDispute(pid, "evidence");

        vm.expectRevert(abi.encodeWithSelector(Governed.NotGovernance.selector, address(this)));
        market.resolveDispute(pid, true, 0);
        vm.startPrank(GOV);
        vm.expectRevert(Marketplace.ClawbackWithoutBuyerWin.selector);
        market.resolveDispute(pid, false, 1);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.ClawbackTooHigh.selector, PRICE + 1, PRICE));
        market.resolveDispute(pid, true, PRICE + 1);
        vm.expectEmit();
        emit Marketplace.DisputeResolved(pid, true, sellerOwed);
        market.resolveDispute(pid, true, PRICE);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.WrongStatus.selector, pid, Marketplace.Status.Resolved));
        market.resolveDispute(pid, true, 0);
        vm.stopPrank();
        assertEq(market.owed(seller), 0);
        assertEq(market.owed(buyer), sellerOwed);
    }

    function test_dispute_afterWindow_reverts() public {
        uint256 pid = buy(listAs(seller, H, PRICE), PRICE);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.WrongStatus.selector, pid, Marketplace.Status.Escrowed));
        market.openDispute(pid, "evidence");
        vm.prank(seller);
        market.deliverKey(pid, WRAPPED);
        uint256 disputeBy = market.purchaseOf(pid).disputeBy;
        vm.warp(disputeBy + 1);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.DisputeWindowClosed.selector, pid, disputeBy));
        market.openDispute(pid, "evidence");
    }

    function test_resolveDispute_sellerWins_keepsBalance() public {
        uint256 pid = buy(listAs(seller, H, PRICE), PRICE);
        vm.prank(seller);
        market.deliverKey(pid, WRAPPED);
        vm.prank(buyer);
        market.openDispute(pid, "evidence");
        uint256 sellerOwed = market.owed(seller);
        vm.prank(GOV);
        market.resolveDispute(pid, false, 0);
        assertEq(market.owed(seller), sellerOwed);
        assertTrue(market.purchaseOf(pid).status == Marketplace.Status.Resolved, "resolved");
    }

    function test_resolveDispute_clawbackLimitedToUnwithdrawn() public {
        uint256 pid = buy(listAs(seller, H, PRICE), PRICE);
        vm.prank(seller);
        market.deliverKey(pid, WRAPPED);
        vm.prank(seller);
        market.withdrawPayments();
        vm.prank(buyer);
        market.openDispute(pid, "evidence");
        vm.prank(GOV);
        market.resolveDispute(pid, true, PRICE);
        assertEq(market.owed(buyer), 0);
    }

    // ------------------------------------------------------------ payments and parameters

    function test_withdrawPayments_failedTransferKeepsBalance() public {
        RejectingPayee payee = new RejectingPayee();
        vm.prank(GOV);
        market.setParams(Marketplace.Params(address(payee), FEE_BPS, DELIVERY, DISPUTE));
        uint256 pid = buy(listAs(seller, H, PRICE), PRICE);
        vm.prank(seller);
        market.deliverKey(pid, WRAPPED);
        uint256 fee = market.owed(address(payee));
        vm.prank(address(payee));
        vm.expectRevert(abi.encodeWithSelector(Marketplace.TransferFailed.selector, address(payee), fee));
        market.withdrawPayments();
        assertEq(market.owed(address(payee)), fee);
    }

    function test_withdrawPayments_reentrancyBlocked() public {
        ReentrantPayee payee = new ReentrantPayee(market);
        vm.prank(GOV);
        market.setParams(Marketplace.Params(address(payee), 1000, DELIVERY, DISPUTE));
        for (uint256 i; i < 2; ++i) {
            uint256 pid = buy(listAs(seller, keccak256(abi.encode(i)), PRICE), PRICE);
            vm.prank(seller);
            market.deliverKey(pid, WRAPPED);
        }
        payee.pull();
        assertEq(payee.reentered(), 0);
        assertEq(address(payee).balance, 2 * PRICE / 10);
    }

    function test_withdrawPayments_pausedBlocksButKeeps() public {
        uint256 pid = buy(listAs(seller, H, PRICE), PRICE);
        vm.prank(seller);
        market.deliverKey(pid, WRAPPED);
        vm.prank(GUARDIAN);
        market.pause();
        vm.prank(seller);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        market.withdrawPayments();
        vm.prank(GOV);
        market.unpause();
        vm.prank(seller);
        market.withdrawPayments();
    }

    function test_setParams() public {
        vm.expectRevert(abi.encodeWithSelector(Governed.NotGovernance.selector, address(this)));
        market.setParams(marketParams());
        vm.startPrank(GOV);
        vm.expectRevert(Governed.ZeroAddress.selector);
        market.setParams(Marketplace.Params(address(0), 0, DELIVERY, DISPUTE));
        vm.expectRevert(abi.encodeWithSelector(Marketplace.FeeTooHigh.selector, 1001, 1000));
        market.setParams(Marketplace.Params(TREASURY, 1001, DELIVERY, DISPUTE));
        vm.expectRevert(abi.encodeWithSelector(Marketplace.WindowOutOfRange.selector, 59 minutes));
        market.setParams(Marketplace.Params(TREASURY, 0, 59 minutes, DISPUTE));
        vm.expectRevert(abi.encodeWithSelector(Marketplace.WindowOutOfRange.selector, 91 days));
        market.setParams(Marketplace.Params(TREASURY, 0, DELIVERY, 91 days));
        market.setParams(Marketplace.Params(address(0x1), 0, 1 hours, 90 days));
        vm.stopPrank();
        Marketplace.Params memory p = market.params();
        assertEq(p.treasury, address(0x1));
        assertEq(p.disputeWindow, 90 days);
    }

    function test_constructor_rejectsZeroRegistry() public {
        vm.expectRevert(Governed.ZeroAddress.selector);
        new Marketplace(CredentialRegistry(address(0)));
    }

    // ------------------------------------------------------------ fuzz

    function testFuzz_payoutsSumToPrice(uint96 price, uint16 feeBps, uint16 royaltyBps) public {
        price = uint96(bound(price, 1, 1_000_000 ether));
        feeBps = uint16(bound(feeBps, 0, 1000));
        royaltyBps = uint16(bound(royaltyBps, 0, 2500));
        vm.startPrank(GOV);
        market.setParams(Marketplace.Params(TREASURY, feeBps, DELIVERY, DISPUTE));
        registry.setIssuerRoyalty(ISSUER, royaltyBps);
        vm.stopPrank();
        vm.deal(buyer, price);
        uint256 pid = buy(listAs(seller, H, price), price);
        vm.prank(seller);
        market.deliverKey(pid, WRAPPED);
        assertEq(market.owed(TREASURY) + market.owed(ISSUER) + market.owed(seller), price);
        assertEq(market.owed(TREASURY), uint256(price) * feeBps / 10_000);
        assertEq(address(market).balance, price);
    }

    function testFuzz_purchase_rejectsForeignKeys(uint256 pk) public {
        pk = bound(pk, 1, 115792089237316195423570985008687907852837564279074904382605163141518161494336);
        vm.assume(pk != BUYER_PK);
        uint256 id = listAs(seller, H, PRICE);
        (address other, bytes memory key) = publicKeyOf(pk);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.PublicKeyNotSender.selector, other, buyer));
        market.purchase{value: PRICE}(id, key);
    }
}
