// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Fixture} from "./utils/Fixture.sol";
import {Test, Vm} from "./utils/Test.sol";
import {Marketplace} from "../src/market/Marketplace.sol";
import {TrustStaking} from "../src/staking/TrustStaking.sol";
import {CredentialRegistry} from "../src/registry/CredentialRegistry.sol";

/// @dev Random marketplace traffic from a few actors; ghost variables track escrow and payouts.
contract MarketHandler is Test {
    Marketplace internal immutable market;
    CredentialRegistry internal immutable registry;
    address internal immutable gov;
    address internal immutable issuer;
    uint256[4] internal keys = [uint256(0xA1), 0xA2, 0xA3, 0xA4];
    address[] public actors;
    mapping(address => bytes) internal pubKeys;
    uint256 public escrowed;
    uint256 public purchases;
    uint256 public listings;
    mapping(uint256 purchaseId => uint256) public payouts;
    uint256 public maxPayouts;
    uint256 internal nonce;

    constructor(Marketplace m, CredentialRegistry r, address gov_, address issuer_) {
        market = m;
        registry = r;
        gov = gov_;
        issuer = issuer_;
        for (uint256 i; i < keys.length; ++i) {
            (address a, bytes memory k) = publicKeyOf(keys[i]);
            actors.push(a);
            pubKeys[a] = k;
            vm.deal(a, 1_000_000 ether);
        }
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function list(uint256 who, uint96 price) external {
        address a = actors[who % actors.length];
        price = uint96(bound(price, 1, 100 ether));
        bytes32 h = keccak256(abi.encode("inv", nonce++));
        vm.startPrank(a);
        registry.anchor(h, issuer, 0, h, 0);
        market.createListing(h, price, 0, 0);
        vm.stopPrank();
        listings++;
    }

    function buy(uint256 who, uint256 listingId) external {
        if (listings == 0) {
            return;
        }
        address a = actors[who % actors.length];
        listingId = bound(listingId, 1, listings);
        Marketplace.Listing memory l = market.listing(listingId);
        if (l.price == 0 || l.seller == a) {
            return;
        }
        vm.prank(a);
        market.purchase{value: l.price}(listingId, pubKeys[a]);
        escrowed += l.price;
        purchases++;
    }

    function deliver(uint256 purchaseId) external {
        if (purchases == 0) {
            return;
        }
        purchaseId = bound(purchaseId, 1, purchases);
        Marketplace.Purchase memory p = market.purchaseOf(purchaseId);
        vm.prank(market.listing(p.listingId).seller);
        try market.deliverKey(purchaseId, hex"0102") {
            escrowed -= p.amount;
            _paid(purchaseId);
        } catch {
        }
    }

    function refund(uint256 purchaseId, uint32 wait) external {
        if (purchases == 0) {
            return;
        }
        purchaseId = bound(purchaseId, 1, purchases);
        vm.warp(block.timestamp + bound(wait, 0, 3 days));
        Marketplace.Purchase memory p = market.purchaseOf(purchaseId);
        try market.refund(purchaseId) {
            escrowed -= p.amount;
            _paid(purchaseId);
        } catch {
        }
    }

    function dispute(uint256 purchaseId, bool buyerWins, uint256 clawback) external {
        if (purchases == 0) {
            return;
        }
        purchaseId = bound(purchaseId, 1, purchases);
        Marketplace.Purchase memory p = market.purchaseOf(purchaseId);
        vm.prank(p.buyer);
        try market.openDispute(purchaseId, "e") {
        } catch {
        }
        clawback = buyerWins ? bound(clawback, 0, p.amount) : 0;
        vm.prank(gov);
        try market.resolveDispute(purchaseId, buyerWins, clawback) {
        } catch {
        }
    }

    function withdraw(uint256 who) external {
        address a = actors[who % actors.length];
        if (market.owed(a) == 0) {
            return;
        }
        vm.prank(a);
        market.withdrawPayments();
    }

    function _paid(uint256 purchaseId) private {
        uint256 n = ++payouts[purchaseId];
        if (n > maxPayouts) {
            maxPayouts = n;
        }
    }
}

contract MarketplaceInvariants is Fixture {
    MarketHandler internal handler;

    function setUp() public {
        deployFixture();
        handler = new MarketHandler(market, registry, GOV, ISSUER);
    }

    function targetContracts() public view returns (address[] memory t) {
        t = new address[](1);
        t[0] = address(handler);
    }

    function invariant_balanceIsEscrowPlusOwed() public view {
        uint256 owed = market.owed(TREASURY) + market.owed(ISSUER);
        for (uint256 i; i < handler.actorCount(); ++i) {
            owed += market.owed(handler.actors(i));
        }
        assertEq(address(market).balance, handler.escrowed() + owed);
    }

    function invariant_purchasePaysOutAtMostOnce() public view {
        assertLe(handler.maxPayouts(), 1);
    }
}

/// @dev Random staking traffic; governance slashes now and then; strangers try to upgrade.
contract StakingHandler is Test {
    TrustStaking internal immutable staking;
    address internal immutable gov;
    address internal immutable treasury;
    address[3] public vouchers = [address(0xF1), address(0xF2), address(0xF3)];
    address[2] public vouchees = [address(0xE1), address(0xE2)];
    address public constant BENEFICIARY = address(0xBE);
    uint256 public slashViolations;
    uint256 public upgradesByStrangers;

    constructor(TrustStaking s, address gov_, address treasury_) {
        staking = s;
        gov = gov_;
        treasury = treasury_;
        for (uint256 i; i < vouchers.length; ++i) {
            vm.deal(vouchers[i], 1_000_000 ether);
        }
    }

    function vouch(uint256 v, uint256 e, uint96 amount) external {
        amount = uint96(bound(amount, 0.1 ether, 100 ether));
        vm.prank(vouchers[v % 3]);
        staking.vouch{value: amount}(vouchees[e % 2]);
    }

    function requestWithdrawal(uint256 v, uint256 e, uint128 shares) external {
        address voucher = vouchers[v % 3];
        address vouchee = vouchees[e % 2];
        (TrustStaking.Vouch memory r,,) = staking.vouchOf(voucher, vouchee);
        if (r.shares == 0) {
            return;
        }
        vm.prank(voucher);
        staking.requestWithdrawal(vouchee, uint128(bound(shares, 1, r.shares)));
    }

    function withdraw(uint256 v, uint256 e, uint32 wait) external {
        vm.warp(block.timestamp + bound(wait, 0, 8 days));
        vm.prank(vouchers[v % 3]);
        try staking.withdraw(vouchees[e % 2]) {
        } catch {
        }
    }

    function slash(uint256 e, uint16 bps, uint256 compensation) external {
        address vouchee = vouchees[e % 2];
        uint256 before = staking.pool(vouchee).stake;
        bps = uint16(bound(bps, 1, 9000));
        uint256 amount = before * bps / 10_000;
        if (amount == 0) {
            return;
        }
        vm.prank(gov);
        staking.slash(vouchee, bps, BENEFICIARY, bound(compensation, 0, amount));
        uint256 after_ = staking.pool(vouchee).stake;
        if (after_ > before || before - after_ > before || after_ == 0) {
            slashViolations++;
        }
    }

    function sync(uint256 v, uint256 e) external {
        staking.sync(vouchers[v % 3], vouchees[e % 2]);
    }

    function withdrawPayments(bool toTreasury) external {
        address who = toTreasury ? treasury : BENEFICIARY;
        if (staking.owed(who) == 0) {
            return;
        }
        vm.prank(who);
        staking.withdrawPayments();
    }

    function upgradeAsStranger(address stranger, address impl) external {
        if (stranger == gov) {
            return;
        }
        vm.prank(stranger);
        try staking.upgradeToAndCall(impl, "") {
            upgradesByStrangers++;
        } catch {
        }
    }
}

contract TrustStakingInvariants is Fixture {
    bytes32 internal constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
    StakingHandler internal handler;
    bytes32 internal implementation;

    function setUp() public {
        deployFixture();
        handler = new StakingHandler(staking, GOV, TREASURY);
        implementation = vm.load(address(staking), IMPLEMENTATION_SLOT);
    }

    function targetContracts() public view returns (address[] memory t) {
        t = new address[](1);
        t[0] = address(handler);
    }

    function invariant_balanceIsStakesPlusOwed() public view {
        uint256 total = staking.pool(handler.vouchees(0)).stake + staking.pool(handler.vouchees(1)).stake
            + staking.owed(TREASURY) + staking.owed(handler.BENEFICIARY());
        assertEq(address(staking).balance, total);
    }

    function invariant_slashNeverTakesMoreThanStaked() public view {
        assertEq(handler.slashViolations(), 0);
        for (uint256 e; e < 2; ++e) {
            address vouchee = handler.vouchees(e);
            uint256 sum;
            for (uint256 v; v < 3; ++v) {
                (, uint256 active, uint256 unbonding) = staking.vouchOf(handler.vouchers(v), vouchee);
                sum += active + unbonding;
            }
            assertLe(sum, staking.pool(vouchee).stake);
        }
    }

    /// Voting power is exactly what the vouch records say (slashes lower it through sync, see TrustStaking).
    function invariant_votingPowerMatchesVouchRecords() public view {
        for (uint256 v; v < 3; ++v) {
            address voucher = handler.vouchers(v);
            uint256 units;
            for (uint256 e; e < 2; ++e) {
                (TrustStaking.Vouch memory r,,) = staking.vouchOf(voucher, handler.vouchees(e));
                units += r.votingUnits;
            }
            assertEq(staking.getVotes(voucher), units);
        }
    }

    function invariant_nobodyButGovernanceUpgrades() public view {
        assertEq(handler.upgradesByStrangers(), 0);
        assertEq(vm.load(address(staking), IMPLEMENTATION_SLOT), implementation);
    }
}
