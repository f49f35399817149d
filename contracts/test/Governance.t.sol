// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {CredentialRegistry} from "../src/registry/CredentialRegistry.sol";
import {Marketplace} from "../src/market/Marketplace.sol";
import {TrustStaking} from "../src/staking/TrustStaking.sol";
import {EnclaveProxy} from "../src/common/EnclaveProxy.sol";
import {Governed} from "../src/common/Governed.sol";
import {EnclaveGovernor} from "../src/governance/EnclaveGovernor.sol";
import {EnclaveTimelock} from "../src/governance/EnclaveTimelock.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @dev The whole suite wired as the Java deployer wires it: proxies owned by the timelock, the governor the only
///      proposer, anyone may execute, the deployer's timelock admin renounced.
contract GovernanceTest is Test {
    bytes32 internal constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
    address internal constant GUARDIAN = address(0x6A4D);
    address internal constant V1 = address(0x1001);
    address internal constant V2 = address(0x1002);
    address internal constant SELLER = address(0x5E11);
    address internal constant HARMED = address(0xB17E);
    uint256 internal constant DELAY = 1 days;

    EnclaveTimelock internal timelock;
    EnclaveGovernor internal governor;
    CredentialRegistry internal registry;
    Marketplace internal market;
    TrustStaking internal staking;

    function setUp() public {
        vm.roll(10);
        vm.warp(1_000_000);
        address[] memory none = new address[](0);
        address[] memory anyone = new address[](1);
        timelock = new EnclaveTimelock(DELAY, none, anyone, address(this));
        registry = CredentialRegistry(address(new EnclaveProxy(address(new CredentialRegistry()),
            abi.encodeCall(CredentialRegistry.initialize, (address(timelock), GUARDIAN)))));
        market = Marketplace(address(new EnclaveProxy(address(new Marketplace(registry)),
            abi.encodeCall(Marketplace.initialize, (address(timelock), GUARDIAN,
                Marketplace.Params(address(timelock), 250, 2 days, 3 days))))));
        staking = TrustStaking(address(new EnclaveProxy(address(new TrustStaking()),
            abi.encodeCall(TrustStaking.initialize, (address(timelock), GUARDIAN,
                TrustStaking.Params(address(timelock), 0.1 ether, 7 days))))));
        governor = new EnclaveGovernor(staking, timelock, 1, 50, 0, 10);
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));

        vm.deal(V1, 10 ether);
        vm.deal(V2, 10 ether);
        vm.prank(V1);
        staking.vouch{value: 3 ether}(SELLER);
        vm.prank(V2);
        staking.vouch{value: 1 ether}(SELLER);
        vm.roll(11);
    }

    function pass(address target, bytes memory data, string memory description) internal {
        address[] memory targets = new address[](1);
        targets[0] = target;
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = data;
        passAll(targets, values, calldatas, description);
    }

    function passAll(address[] memory targets, uint256[] memory values, bytes[] memory calldatas,
        string memory description) internal {
        vm.prank(V1);
        uint256 id = governor.propose(targets, values, calldatas, description);
        vm.roll(block.number + governor.votingDelay() + 1);
        vm.prank(V1);
        governor.castVote(id, 1);
        vm.prank(V2);
        governor.castVote(id, 0);
        vm.roll(block.number + governor.votingPeriod());
        assertTrue(governor.state(id) == IGovernor.ProposalState.Succeeded, "succeeded");
        bytes32 dh = keccak256(bytes(description));
        governor.queue(targets, values, calldatas, dh);
        vm.expectRevert();
        governor.execute(targets, values, calldatas, dh);
        vm.warp(block.timestamp + DELAY);
        governor.execute(targets, values, calldatas, dh);
        assertTrue(governor.state(id) == IGovernor.ProposalState.Executed, "executed");
    }

    function test_wiring() public view {
        assertEq(registry.governance(), address(timelock));
        assertEq(market.governance(), address(timelock));
        assertEq(staking.governance(), address(timelock));
        assertTrue(!timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(this)), "deployer admin renounced");
        assertTrue(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(timelock)), "timelock self-admin");
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)), "governor proposes");
        assertTrue(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(0)), "anyone executes");
        assertEq(address(governor.token()), address(staking));
        assertEq(governor.timelock(), address(timelock));
    }

    function test_proposal_registersIssuer() public {
        pass(address(registry), abi.encodeCall(CredentialRegistry.registerIssuer, (address(0x155E), 1, 2, 100)),
            "register issuer");
        assertEq(registry.issuer(address(0x155E)).royaltyBps, 100);
    }

    function test_proposal_slashesAndSettlesDispute() public {
        address[] memory targets = new address[](2);
        targets[0] = address(staking);
        targets[1] = address(staking);
        uint256[] memory values = new uint256[](2);
        bytes[] memory calldatas = new bytes[](2);
        calldatas[0] = abi.encodeCall(TrustStaking.slash, (SELLER, 5000, HARMED, 1.5 ether));
        calldatas[1] = abi.encodeCall(TrustStaking.sync, (V1, SELLER));
        passAll(targets, values, calldatas, "slash seller");
        assertEq(staking.owed(HARMED), 1.5 ether);
        assertEq(staking.owed(address(timelock)), 0.5 ether);
        assertEq(staking.getVotes(V1), 1.5 ether);
        assertEq(staking.pool(SELLER).stake, 2 ether);
    }

    function test_quorumNotReached_defeated() public {
        address[] memory targets = new address[](1);
        targets[0] = address(registry);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(CredentialRegistry.removeCircuit, (1));
        vm.prank(V2);
        uint256 id = governor.propose(targets, values, calldatas, "nobody votes");
        vm.roll(block.number + governor.votingDelay() + governor.votingPeriod() + 1);
        assertTrue(governor.state(id) == IGovernor.ProposalState.Defeated, "defeated");
    }

    function test_onlyTimelockUpgrades() public {
        address next = address(new Marketplace(registry));
        vm.expectRevert(abi.encodeWithSelector(Governed.NotGovernance.selector, address(this)));
        market.upgradeToAndCall(next, "");
        vm.prank(GUARDIAN);
        vm.expectRevert(abi.encodeWithSelector(Governed.NotGovernance.selector, GUARDIAN));
        market.upgradeToAndCall(next, "");
        vm.prank(address(governor));
        vm.expectRevert(abi.encodeWithSelector(Governed.NotGovernance.selector, address(governor)));
        market.upgradeToAndCall(next, "");
        pass(address(market), abi.encodeCall(market.upgradeToAndCall, (next, "")), "upgrade market");
        assertEq(address(uint160(uint256(vm.load(address(market), IMPLEMENTATION_SLOT)))), next);
        assertEq(market.params().feeBps, 250);
    }

    function test_timelockCannotBeBypassed() public {
        bytes32 proposer = timelock.PROPOSER_ROLE();
        vm.prank(V1);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, V1, proposer));
        timelock.schedule(address(market), 0, abi.encodeCall(Governed.unpause, ()), 0, 0, DELAY);
    }

    function test_guardianPauses_onlyGovernanceUnpauses() public {
        vm.prank(GUARDIAN);
        staking.pause();
        vm.prank(V1);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        staking.vouch{value: 1 ether}(SELLER);
        vm.prank(GUARDIAN);
        vm.expectRevert(abi.encodeWithSelector(Governed.NotGovernance.selector, GUARDIAN));
        staking.unpause();
        pass(address(staking), abi.encodeCall(Governed.unpause, ()), "unpause staking");
        vm.prank(V1);
        staking.vouch{value: 1 ether}(SELLER);
    }

    function test_votesReadAtSnapshot() public {
        address[] memory targets = new address[](1);
        targets[0] = address(registry);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(CredentialRegistry.removeCircuit, (1));
        vm.prank(V1);
        uint256 id = governor.propose(targets, values, calldatas, "snapshot");
        vm.roll(block.number + governor.votingDelay() + 1);
        vm.prank(V2);
        staking.vouch{value: 5 ether}(SELLER); // after the snapshot: does not count
        vm.prank(V2);
        governor.castVote(id, 1);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 1 ether);
    }
}
