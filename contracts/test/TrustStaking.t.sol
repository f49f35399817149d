// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Fixture} from "./utils/Fixture.sol";
import {TrustStaking} from "../src/staking/TrustStaking.sol";
import {Governed} from "../src/common/Governed.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

contract TrustStakingTest is Fixture {
    address internal constant V1 = address(0x1001);
    address internal constant V2 = address(0x1002);
    address internal constant SELLER = address(0x5E11);
    address internal constant HARMED = address(0xB17E);

    function setUp() public {
        deployFixture();
        vm.deal(V1, 100 ether);
        vm.deal(V2, 100 ether);
        vm.roll(100);
    }

    function vouchAs(address who, address vouchee, uint256 amount) internal {
        vm.prank(who);
        staking.vouch{value: amount}(vouchee);
    }

    // ------------------------------------------------------------ vouch

    function test_vouch_givesVotingPowerWithCheckpoints() public {
        vm.expectEmit();
        emit TrustStaking.Vouched(V1, SELLER, 1 ether, 1 ether);
        vouchAs(V1, SELLER, 1 ether);
        assertEq(staking.getVotes(V1), 1 ether);
        assertEq(staking.delegates(V1), V1);
        vm.roll(101);
        vouchAs(V1, SELLER, 2 ether);
        vm.roll(102);
        assertEq(staking.getVotes(V1), 3 ether);
        assertEq(staking.getPastVotes(V1, 100), 1 ether);
        assertEq(staking.getPastVotes(V1, 101), 3 ether);
        assertEq(staking.getPastTotalSupply(100), 1 ether);
        TrustStaking.Pool memory p = staking.pool(SELLER);
        assertEq(p.stake, 3 ether);
        assertEq(p.shares, 3 ether);
        (TrustStaking.Vouch memory v, uint256 active,) = staking.vouchOf(V1, SELLER);
        assertEq(v.shares, 3 ether);
        assertEq(active, 3 ether);
        assertEq(address(staking).balance, 3 ether);
    }

    function test_vouch_reverts() public {
        vm.startPrank(V1);
        vm.expectRevert(Governed.ZeroAddress.selector);
        staking.vouch{value: 1 ether}(address(0));
        vm.expectRevert(TrustStaking.SelfVouch.selector);
        staking.vouch{value: 1 ether}(V1);
        vm.expectRevert(TrustStaking.ZeroAmount.selector);
        staking.vouch{value: 0}(SELLER);
        vm.expectRevert(abi.encodeWithSelector(TrustStaking.StakeBelowMinimum.selector, MIN_STAKE - 1, MIN_STAKE));
        staking.vouch{value: MIN_STAKE - 1}(SELLER);
        staking.vouch{value: MIN_STAKE}(SELLER);
        staking.vouch{value: 1}(SELLER); // adding to an existing vouch has no minimum
        vm.stopPrank();
        vm.prank(GUARDIAN);
        staking.pause();
        vm.prank(V2);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        staking.vouch{value: 1 ether}(SELLER);
    }

    function test_delegation_disabled() public {
        vm.expectRevert(TrustStaking.DelegationDisabled.selector);
        staking.delegate(V2);
        vm.expectRevert(TrustStaking.DelegationDisabled.selector);
        staking.delegateBySig(V2, 0, 0, 0, 0, 0);
    }

    // ------------------------------------------------------------ unbonding

    function test_requestWithdrawal_thenWithdrawAfterUnbonding() public {
        vouchAs(V1, SELLER, 2 ether);
        vm.warp(1000);
        vm.expectEmit();
        emit TrustStaking.WithdrawalRequested(V1, SELLER, 0.5 ether, 0.5 ether, 1000 + UNBONDING);
        vm.prank(V1);
        staking.requestWithdrawal(SELLER, 0.5 ether);
        assertEq(staking.getVotes(V1), 1.5 ether);
        vm.prank(V1);
        vm.expectRevert(abi.encodeWithSelector(TrustStaking.StillUnbonding.selector, 1000 + UNBONDING));
        staking.withdraw(SELLER);
        vm.warp(1000 + UNBONDING);
        uint256 before = V1.balance;
        vm.prank(V1);
        staking.withdraw(SELLER);
        assertEq(V1.balance - before, 0.5 ether);
        assertEq(staking.pool(SELLER).stake, 1.5 ether);
        vm.prank(V1);
        vm.expectRevert(abi.encodeWithSelector(TrustStaking.NothingUnbonding.selector, V1, SELLER));
        staking.withdraw(SELLER);
    }

    function test_requestWithdrawal_reverts() public {
        vouchAs(V1, SELLER, 1 ether);
        vm.startPrank(V1);
        vm.expectRevert(TrustStaking.ZeroAmount.selector);
        staking.requestWithdrawal(SELLER, 0);
        vm.expectRevert(abi.encodeWithSelector(TrustStaking.InsufficientShares.selector, 2 ether, 1 ether));
        staking.requestWithdrawal(SELLER, 2 ether);
        vm.stopPrank();
    }

    function test_unbondingStakeIsStillSlashable() public {
        vouchAs(V1, SELLER, 1 ether);
        vm.prank(V1);
        staking.requestWithdrawal(SELLER, 1 ether);
        vm.prank(GOV);
        staking.slash(SELLER, 5000, HARMED, 0.2 ether);
        vm.warp(block.timestamp + UNBONDING);
        uint256 before = V1.balance;
        vm.prank(V1);
        staking.withdraw(SELLER);
        assertEq(V1.balance - before, 0.5 ether);
    }

    // ------------------------------------------------------------ slashing

    function test_slash_takesProportionOfEveryVouch() public {
        vouchAs(V1, SELLER, 3 ether);
        vouchAs(V2, SELLER, 1 ether);
        vm.expectEmit();
        emit TrustStaking.Slashed(SELLER, 2500, 1 ether, HARMED, 0.6 ether);
        vm.prank(GOV);
        staking.slash(SELLER, 2500, HARMED, 0.6 ether);
        (, uint256 v1,) = staking.vouchOf(V1, SELLER);
        (, uint256 v2,) = staking.vouchOf(V2, SELLER);
        assertEq(v1, 2.25 ether);
        assertEq(v2, 0.75 ether);
        assertEq(staking.owed(HARMED), 0.6 ether);
        assertEq(staking.owed(TREASURY), 0.4 ether);
        uint256 before = HARMED.balance;
        vm.prank(HARMED);
        staking.withdrawPayments();
        assertEq(HARMED.balance - before, 0.6 ether);
        vm.prank(HARMED);
        vm.expectRevert(abi.encodeWithSelector(TrustStaking.NothingOwed.selector, HARMED));
        staking.withdrawPayments();
    }

    function test_slash_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Governed.NotGovernance.selector, address(this)));
        staking.slash(SELLER, 100, HARMED, 0);
        vm.startPrank(GOV);
        vm.expectRevert(abi.encodeWithSelector(TrustStaking.SlashOutOfRange.selector, uint16(0)));
        staking.slash(SELLER, 0, HARMED, 0);
        vm.expectRevert(abi.encodeWithSelector(TrustStaking.SlashOutOfRange.selector, uint16(9001)));
        staking.slash(SELLER, 9001, HARMED, 0);
        vm.expectRevert(abi.encodeWithSelector(TrustStaking.NothingToSlash.selector, SELLER));
        staking.slash(SELLER, 100, HARMED, 0);
        vm.stopPrank();
        vouchAs(V1, SELLER, 1 ether);
        vm.startPrank(GOV);
        vm.expectRevert(abi.encodeWithSelector(TrustStaking.CompensationTooHigh.selector, 0.2 ether, 0.1 ether));
        staking.slash(SELLER, 1000, HARMED, 0.2 ether);
        vm.expectRevert(Governed.ZeroAddress.selector);
        staking.slash(SELLER, 1000, address(0), 0.1 ether);
        vm.stopPrank();
    }

    function test_sync_lowersVotingPowerAfterSlash() public {
        vouchAs(V1, SELLER, 2 ether);
        vm.roll(101);
        vm.prank(GOV);
        staking.slash(SELLER, 5000, HARMED, 0);
        assertEq(staking.getVotes(V1), 2 ether);
        vm.expectEmit();
        emit TrustStaking.VotingPowerSynced(V1, SELLER, 1 ether);
        staking.sync(V1, SELLER);
        assertEq(staking.getVotes(V1), 1 ether);
        staking.sync(V1, SELLER); // idempotent
        assertEq(staking.getVotes(V1), 1 ether);
        vm.roll(102);
        assertEq(staking.getPastTotalSupply(100), 2 ether);
        assertEq(staking.getPastTotalSupply(101), 1 ether);
    }

    function test_vouchAfterSlash_getsMoreShares() public {
        vouchAs(V1, SELLER, 1 ether);
        vm.prank(GOV);
        staking.slash(SELLER, 5000, HARMED, 0);
        vouchAs(V2, SELLER, 1 ether);
        (, uint256 v1,) = staking.vouchOf(V1, SELLER);
        (, uint256 v2,) = staking.vouchOf(V2, SELLER);
        assertEq(v1, 0.5 ether);
        assertEq(v2, 1 ether);
    }

    function test_withdraw_failedTransferKeepsStake() public {
        Rejecting r = new Rejecting(staking);
        vm.deal(address(r), 1 ether);
        r.vouch{value: 1 ether}(SELLER);
        r.request(SELLER, 1 ether);
        vm.warp(block.timestamp + UNBONDING);
        vm.expectRevert(abi.encodeWithSelector(TrustStaking.TransferFailed.selector, address(r), 1 ether));
        r.withdraw(SELLER);
        (TrustStaking.Vouch memory v,,) = staking.vouchOf(address(r), SELLER);
        assertEq(v.unbondingShares, 1 ether);
    }

    function test_setParams() public {
        vm.expectRevert(abi.encodeWithSelector(Governed.NotGovernance.selector, address(this)));
        staking.setParams(stakingParams());
        vm.startPrank(GOV);
        vm.expectRevert(Governed.ZeroAddress.selector);
        staking.setParams(TrustStaking.Params(address(0), 0, UNBONDING));
        vm.expectRevert(abi.encodeWithSelector(TrustStaking.UnbondingOutOfRange.selector, uint32(1 days - 1)));
        staking.setParams(TrustStaking.Params(TREASURY, 0, 1 days - 1));
        vm.expectRevert(abi.encodeWithSelector(TrustStaking.UnbondingOutOfRange.selector, uint32(366 days)));
        staking.setParams(TrustStaking.Params(TREASURY, 0, 366 days));
        staking.setParams(TrustStaking.Params(address(0x1), 5, 1 days));
        vm.stopPrank();
        assertEq(staking.params().minStake, 5);
    }

    // ------------------------------------------------------------ fuzz

    function testFuzz_slashNeverTakesMoreThanStaked(uint96 a, uint96 b, uint16 bps, uint16 bps2) public {
        a = uint96(bound(a, MIN_STAKE, 50 ether));
        b = uint96(bound(b, MIN_STAKE, 50 ether));
        bps = uint16(bound(bps, 1, 9000));
        bps2 = uint16(bound(bps2, 1, 9000));
        vouchAs(V1, SELLER, a);
        vouchAs(V2, SELLER, b);
        vm.startPrank(GOV);
        staking.slash(SELLER, bps, HARMED, 0);
        if (uint256(staking.pool(SELLER).stake) * bps2 / 10_000 > 0) {
            staking.slash(SELLER, bps2, HARMED, 0);
        }
        vm.stopPrank();
        (, uint256 v1,) = staking.vouchOf(V1, SELLER);
        (, uint256 v2,) = staking.vouchOf(V2, SELLER);
        uint256 slashed = staking.owed(TREASURY);
        assertLe(slashed, uint256(a) + b);
        assertLe(v1 + v2, staking.pool(SELLER).stake);
        assertEq(staking.pool(SELLER).stake + slashed, uint256(a) + b);
        assertTrue(staking.pool(SELLER).stake > 0, "a pool is never emptied by slashing");
        assertEq(address(staking).balance, uint256(a) + b);
    }

    function testFuzz_withdrawAllReturnsWhatRemains(uint96 a, uint16 bps) public {
        a = uint96(bound(a, MIN_STAKE, 50 ether));
        bps = uint16(bound(bps, 0, 9000));
        vouchAs(V1, SELLER, a);
        if (bps > 0) {
            vm.prank(GOV);
            staking.slash(SELLER, bps, HARMED, 0);
        }
        uint256 remaining = staking.pool(SELLER).stake;
        vm.prank(V1);
        staking.requestWithdrawal(SELLER, uint128(a));
        assertEq(staking.getVotes(V1), 0);
        vm.warp(block.timestamp + UNBONDING);
        uint256 before = V1.balance;
        vm.prank(V1);
        staking.withdraw(SELLER);
        assertEq(V1.balance - before, remaining);
        assertEq(staking.pool(SELLER).stake, 0);
        assertEq(staking.pool(SELLER).shares, 0);
    }
}

contract Rejecting {
    TrustStaking internal immutable staking;

    constructor(TrustStaking s) {
        staking = s;
    }

    function vouch(address vouchee) external payable {
        staking.vouch{value: msg.value}(vouchee);
    }

    function request(address vouchee, uint128 shares) external {
        staking.requestWithdrawal(vouchee, shares);
    }

    function withdraw(address vouchee) external {
        staking.withdraw(vouchee);
    }
}
