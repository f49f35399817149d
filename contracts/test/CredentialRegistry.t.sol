// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Fixture} from "./utils/Fixture.sol";
import {VerifierDouble7, VerifierDouble2, VerifierGarbage} from "./utils/VerifierDouble.sol";
import {CredentialRegistry} from "../src/registry/CredentialRegistry.sol";
import {Governed} from "../src/common/Governed.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";

contract CredentialRegistryTest is Fixture {
    address internal constant HOLDER = address(0xCAFE);
    bytes32 internal constant H = keccak256("credential-1");
    VerifierDouble7 internal verifier;

    function setUp() public {
        deployFixture();
        verifier = new VerifierDouble7();
    }

    // ------------------------------------------------------------ anchor

    function test_anchor_storesOneRecordAndIsValid() public {
        vm.warp(1_700_000_000);
        vm.expectEmit();
        emit CredentialRegistry.CredentialAnchored(H, HOLDER, ISSUER, "schema", keccak256(abi.encode(H)), 0);
        anchorAs(HOLDER, H);
        CredentialRegistry.Credential memory c = registry.credential(H);
        assertEq(c.holder, HOLDER);
        assertEq(c.issuerId, 1);
        assertEq(c.anchoredAt, 1_700_000_000);
        assertTrue(!c.revoked && c.verifiedBy == 0, "fresh flags");
        assertTrue(registry.isValid(H), "valid");
        (address holder, address iss, uint16 royalty, bool valid) = registry.saleTerms(H);
        assertEq(holder, HOLDER);
        assertEq(iss, ISSUER);
        assertEq(royalty, ROYALTY_BPS);
        assertTrue(valid, "sale terms valid");
    }

    function test_anchor_rejectsZeroHash() public {
        vm.expectRevert(CredentialRegistry.ZeroCredentialHash.selector);
        registry.anchor(0, ISSUER, 0, bytes32("d"), 0);
    }

    function test_anchor_rejectsZeroDigest() public {
        vm.expectRevert(CredentialRegistry.ZeroContentDigest.selector);
        registry.anchor(H, ISSUER, 0, 0, 0);
    }

    function test_anchor_rejectsDuplicate() public {
        anchorAs(HOLDER, H);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.CredentialExists.selector, H));
        anchorAs(address(0xBEEF), H);
    }

    function test_anchor_rejectsUnknownIssuer() public {
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.UnknownIssuer.selector, address(0x999)));
        registry.anchor(H, address(0x999), 0, bytes32("d"), 0);
    }

    function test_anchor_rejectsRemovedIssuer() public {
        vm.prank(GOV);
        registry.removeIssuer(ISSUER);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.IssuerInactive.selector, ISSUER));
        anchorAs(HOLDER, H);
    }

    function test_anchor_whenPaused_reverts() public {
        vm.prank(GUARDIAN);
        registry.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        anchorAs(HOLDER, H);
    }

    function test_anchorBatch_anchorsAll() public {
        CredentialRegistry.AnchorRequest[] memory rs = batch(20, 0);
        vm.prank(HOLDER);
        registry.anchorBatch(rs);
        for (uint256 i; i < 20; ++i) {
            assertTrue(registry.isValid(rs[i].credentialHash), "batch item valid");
            assertEq(registry.credential(rs[i].credentialHash).holder, HOLDER);
        }
    }

    function test_anchorBatch_rejectsEmpty() public {
        vm.expectRevert(CredentialRegistry.EmptyBatch.selector);
        registry.anchorBatch(new CredentialRegistry.AnchorRequest[](0));
    }

    function test_anchorBatch_isAllOrNothing() public {
        CredentialRegistry.AnchorRequest[] memory rs = batch(3, 0);
        rs[2].credentialHash = rs[0].credentialHash;
        vm.prank(HOLDER);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.CredentialExists.selector, rs[0].credentialHash));
        registry.anchorBatch(rs);
        assertEq(registry.credential(rs[0].credentialHash).holder, address(0));
    }

    function testFuzz_anchor_anyHolderAnyHash(address holder, bytes32 h, bytes32 digest) public {
        vm.assume(holder != address(0) && h != 0 && digest != 0);
        vm.prank(holder);
        registry.anchor(h, ISSUER, 0, digest, 0);
        assertEq(registry.credential(h).holder, holder);
        assertTrue(registry.isValid(h), "valid");
    }

    // ------------------------------------------------------------ revoke

    function test_revoke_byHolder() public {
        anchorAs(HOLDER, H);
        vm.expectEmit();
        emit CredentialRegistry.CredentialRevoked(H, HOLDER);
        vm.prank(HOLDER);
        registry.revoke(H);
        assertTrue(!registry.isValid(H), "revoked is invalid");
    }

    function test_revoke_byIssuer() public {
        anchorAs(HOLDER, H);
        vm.prank(ISSUER);
        registry.revoke(H);
        assertTrue(registry.credential(H).revoked, "revoked");
    }

    function test_revoke_byStranger_reverts() public {
        anchorAs(HOLDER, H);
        vm.prank(address(0xBAD));
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.NotHolderOrIssuer.selector, H, address(0xBAD)));
        registry.revoke(H);
    }

    function test_revoke_unknown_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.UnknownCredential.selector, H));
        registry.revoke(H);
    }

    function test_revoke_twice_reverts() public {
        anchorAs(HOLDER, H);
        vm.prank(HOLDER);
        registry.revoke(H);
        vm.prank(HOLDER);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.AlreadyRevoked.selector, H));
        registry.revoke(H);
    }

    function test_removedIssuer_invalidatesCredentials() public {
        anchorAs(HOLDER, H);
        vm.prank(GOV);
        registry.removeIssuer(ISSUER);
        assertTrue(!registry.isValid(H), "issuer removed");
        (,,, bool valid) = registry.saleTerms(H);
        assertTrue(!valid, "not for sale");
    }

    // ------------------------------------------------------------ issuers

    function test_registerIssuer_onlyGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(Governed.NotGovernance.selector, address(this)));
        registry.registerIssuer(address(0x1), 1, 2, 0);
    }

    function test_registerIssuer_validates() public {
        vm.startPrank(GOV);
        vm.expectRevert(Governed.ZeroAddress.selector);
        registry.registerIssuer(address(0), 1, 2, 0);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.IssuerExists.selector, ISSUER));
        registry.registerIssuer(ISSUER, 1, 2, 0);
        uint256 r = registry.SNARK_SCALAR_FIELD();
        vm.expectRevert(CredentialRegistry.InvalidBabyJubKey.selector);
        registry.registerIssuer(address(0x1), r, 2, 0);
        vm.expectRevert(CredentialRegistry.InvalidBabyJubKey.selector);
        registry.registerIssuer(address(0x1), 1, r, 0);
        vm.expectRevert(CredentialRegistry.InvalidBabyJubKey.selector);
        registry.registerIssuer(address(0x1), 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.RoyaltyTooHigh.selector, 2501, 2500));
        registry.registerIssuer(address(0x1), 1, 2, 2501);
        registry.registerIssuer(address(0x1), 1, 2, 2500);
        vm.stopPrank();
        CredentialRegistry.Issuer memory i = registry.issuer(address(0x1));
        assertEq(i.royaltyBps, 2500);
        assertEq(i.babyJubX, 1);
        assertTrue(i.active, "active");
    }

    function test_setIssuerRoyalty() public {
        vm.prank(address(0xBAD));
        vm.expectRevert(abi.encodeWithSelector(Governed.NotGovernance.selector, address(0xBAD)));
        registry.setIssuerRoyalty(ISSUER, 10);
        vm.startPrank(GOV);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.RoyaltyTooHigh.selector, 3000, 2500));
        registry.setIssuerRoyalty(ISSUER, 3000);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.UnknownIssuer.selector, address(0x1)));
        registry.setIssuerRoyalty(address(0x1), 10);
        registry.setIssuerRoyalty(ISSUER, 10);
        vm.stopPrank();
        assertEq(registry.issuer(ISSUER).royaltyBps, 10);
    }

    function test_removeIssuer() public {
        vm.prank(address(0xBAD));
        vm.expectRevert(abi.encodeWithSelector(Governed.NotGovernance.selector, address(0xBAD)));
        registry.removeIssuer(ISSUER);
        vm.startPrank(GOV);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.UnknownIssuer.selector, address(0x1)));
        registry.removeIssuer(address(0x1));
        registry.removeIssuer(ISSUER);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.IssuerInactive.selector, ISSUER));
        registry.removeIssuer(ISSUER);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.IssuerExists.selector, ISSUER));
        registry.registerIssuer(ISSUER, 1, 2, 0);
        vm.stopPrank();
    }

    // ------------------------------------------------------------ circuits and markVerified

    function test_registerCircuit_validates() public {
        vm.expectRevert(abi.encodeWithSelector(Governed.NotGovernance.selector, address(this)));
        registry.registerCircuit(1, address(verifier), 7);
        vm.startPrank(GOV);
        bytes memory bad1 = abi.encodeWithSelector(CredentialRegistry.InvalidCircuit.selector, uint16(1));
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.InvalidCircuit.selector, uint16(0)));
        registry.registerCircuit(0, address(verifier), 7);
        vm.expectRevert(bad1);
        registry.registerCircuit(1, address(0x1234), 7); // no code
        vm.expectRevert(bad1);
        registry.registerCircuit(1, address(verifier), 6); // shorter than the shared statement
        vm.expectRevert(bad1);
        registry.registerCircuit(1, address(verifier), 65);
        vm.expectEmit();
        emit CredentialRegistry.CircuitRegistered(1, address(verifier), 7);
        registry.registerCircuit(1, address(verifier), 7);
        vm.stopPrank();
        CredentialRegistry.Circuit memory k = registry.circuit(1);
        assertEq(k.verifier, address(verifier));
        assertEq(k.publicInputs, 7);
        assertEq(uint32(k.selector), uint32(VerifierDouble7.verifyProof.selector));
    }

    function test_removeCircuit() public {
        vm.startPrank(GOV);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.UnknownCircuit.selector, uint16(1)));
        registry.removeCircuit(1);
        registry.registerCircuit(1, address(verifier), 7);
        registry.removeCircuit(1);
        vm.stopPrank();
        assertEq(registry.circuit(1).verifier, address(0));
    }

    function test_verificationContext_isKeccakOfChainRegistryHolderModR() public view {
        uint256 expected = uint256(keccak256(abi.encodePacked(block.chainid, address(registry), HOLDER)))
            % registry.SNARK_SCALAR_FIELD();
        assertEq(registry.verificationContext(HOLDER), expected);
        assertTrue(registry.verificationContext(HOLDER) != registry.verificationContext(address(0xBEEF)), "per holder");
    }

    function test_markVerified_acceptsBoundProof() public {
        uint256[7] memory s = readyStatement();
        uint256[8] memory proof = verifier.proofFor(s);
        vm.expectEmit();
        emit CredentialRegistry.CredentialVerified(H, 7, address(this));
        registry.markVerified(H, 7, proof, dyn(s));
        assertEq(registry.credential(H).verifiedBy, 7);
        assertEq(registry.verifiedProof(H), keccak256(abi.encodePacked(proof, dyn(s))));
    }

    function test_markVerified_rejectsBadProof() public {
        uint256[7] memory s = readyStatement();
        uint256[8] memory proof = verifier.proofFor(s);
        proof[0] ^= 1;
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.ProofRejected.selector, uint16(7)));
        registry.markVerified(H, 7, proof, dyn(s));
        assertEq(registry.credential(H).verifiedBy, 0);
        assertEq(registry.verifiedProof(H), bytes32(0));
    }

    function test_markVerified_rejectsProofForOtherIssuer() public {
        uint256[7] memory s = readyStatement();
        s[1] = BJ_Y + 1;
        uint256[8] memory proof = verifier.proofFor(s);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.ProofNotBoundToIssuer.selector, H));
        registry.markVerified(H, 7, proof, dyn(s));
        s = statement(HOLDER);
        s[0] = BJ_X + 1;
        proof = verifier.proofFor(s);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.ProofNotBoundToIssuer.selector, H));
        registry.markVerified(H, 7, proof, dyn(s));
    }

    function test_markVerified_rejectsProofForOtherHolderOrContext() public {
        uint256[7] memory s = readyStatement();
        s[4] = uint256(uint160(address(0xBEEF))); // another subject, context still the holder's
        uint256[8] memory proof = verifier.proofFor(s);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.ProofNotBoundToHolder.selector, H));
        registry.markVerified(H, 7, proof, dyn(s));
        s = statement(HOLDER);
        s[5] = registry.verificationContext(address(0xBEEF)); // the holder, but another holder's context
        proof = verifier.proofFor(s);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.ProofNotBoundToHolder.selector, H));
        registry.markVerified(H, 7, proof, dyn(s));
        // a sale's context (chain, marketplace, listing, buyer) is not the registry's
        s = statement(HOLDER);
        s[5] = uint256(keccak256(abi.encodePacked(block.chainid, address(market), uint256(1), buyer)))
            % registry.SNARK_SCALAR_FIELD();
        proof = verifier.proofFor(s);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.ProofNotBoundToHolder.selector, H));
        registry.markVerified(H, 7, proof, dyn(s));
    }

    function test_markVerified_rejectsStaleOrFutureTimeBound() public {
        uint256[7] memory s = readyStatement();
        s[6] = block.timestamp - 1 days - 1;
        uint256[8] memory proof = verifier.proofFor(s);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.ProofOutdated.selector, s[6], block.timestamp));
        registry.markVerified(H, 7, proof, dyn(s));
        s[6] = block.timestamp + 15 minutes + 1;
        proof = verifier.proofFor(s);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.ProofOutdated.selector, s[6], block.timestamp));
        registry.markVerified(H, 7, proof, dyn(s));
        s[6] = block.timestamp - 1 days; // the edges are accepted
        registry.markVerified(H, 7, verifier.proofFor(s), dyn(s));
        s[6] = block.timestamp + 15 minutes;
        registry.markVerified(H, 7, verifier.proofFor(s), dyn(s));
    }

    function test_markVerified_preconditions() public {
        vm.warp(1_800_000_000);
        uint256[7] memory s = statement(HOLDER);
        uint256[8] memory proof = verifier.proofFor(s);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.CredentialNotValid.selector, H));
        registry.markVerified(H, 7, proof, dyn(s));
        anchorAs(HOLDER, H);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.UnknownCircuit.selector, uint16(7)));
        registry.markVerified(H, 7, proof, dyn(s));
        vm.prank(GOV);
        registry.registerCircuit(7, address(verifier), 7);
        uint256[] memory two = new uint256[](2);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.WrongPublicInputCount.selector, uint16(7), 7, 2));
        registry.markVerified(H, 7, proof, two);
        vm.prank(HOLDER);
        registry.revoke(H);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.CredentialNotValid.selector, H));
        registry.markVerified(H, 7, proof, dyn(s));
    }

    function test_markVerified_wrongArityOrGarbageVerifierRejects() public {
        vm.warp(1_800_000_000);
        anchorAs(HOLDER, H);
        vm.startPrank(GOV);
        registry.registerCircuit(2, address(new VerifierDouble2()), 7); // selector for N=7 does not exist
        registry.registerCircuit(3, address(new VerifierGarbage()), 7);
        vm.stopPrank();
        uint256[7] memory s = statement(HOLDER);
        uint256[8] memory proof = verifier.proofFor(s);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.ProofRejected.selector, uint16(2)));
        registry.markVerified(H, 2, proof, dyn(s));
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.ProofRejected.selector, uint16(3)));
        registry.markVerified(H, 3, proof, dyn(s));
    }

    function testFuzz_markVerified_randomProofRejected(uint256[8] memory proof) public {
        uint256[7] memory s = readyStatement();
        uint256[8] memory good = verifier.proofFor(s);
        vm.assume(proof[0] != good[0] || proof[7] != 7);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.ProofRejected.selector, uint16(7)));
        registry.markVerified(H, 7, proof, dyn(s));
    }

    function testFuzz_markVerified_anyTimeBoundOutsideTheWindowIsOutdated(uint256 timeBound) public {
        uint256[7] memory s = readyStatement();
        vm.assume(timeBound > block.timestamp + 15 minutes || timeBound + 1 days < block.timestamp);
        s[6] = timeBound;
        uint256[8] memory proof = verifier.proofFor(s);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.ProofOutdated.selector, timeBound, block.timestamp));
        registry.markVerified(H, 7, proof, dyn(s));
    }

    function testFuzz_markVerified_anyOtherSubjectRejected(address subject) public {
        vm.assume(subject != HOLDER);
        uint256[7] memory s = readyStatement();
        s[4] = uint256(uint160(subject));
        s[5] = registry.verificationContext(subject);
        uint256[8] memory proof = verifier.proofFor(s);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.ProofNotBoundToHolder.selector, H));
        registry.markVerified(H, 7, proof, dyn(s));
    }

    // ------------------------------------------------------------ issuer keys and attestation revocation

    function test_issuerOfKey_namesTheIssuer() public {
        assertEq(registry.issuerOfKey(BJ_X, BJ_Y), ISSUER);
        assertEq(registry.issuerOfKey(BJ_X, BJ_Y + 1), address(0));
        vm.prank(GOV);
        registry.removeIssuer(ISSUER);
        assertEq(registry.issuerOfKey(BJ_X, BJ_Y), ISSUER); // still named; registry.issuer(...).active says removed
        assertTrue(!registry.issuer(ISSUER).active, "inactive");
    }

    function test_registerIssuer_rejectsAKeyInUse() public {
        vm.prank(GOV);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.IssuerKeyInUse.selector, BJ_X, BJ_Y));
        registry.registerIssuer(address(0x1), BJ_X, BJ_Y, 0);
    }

    function test_revokeAttestation_byIssuer() public {
        bytes32 a = keccak256("attestation-1");
        assertTrue(!registry.attestationRevoked(ISSUER, a), "fresh");
        vm.expectEmit();
        emit CredentialRegistry.AttestationRevoked(ISSUER, a);
        vm.prank(ISSUER);
        registry.revokeAttestation(a);
        assertTrue(registry.attestationRevoked(ISSUER, a), "revoked");
        assertTrue(!registry.attestationRevoked(ISSUER, keccak256("attestation-2")), "only that one");
        assertTrue(!registry.attestationRevoked(address(0x1), a), "per issuer");
    }

    function test_revokeAttestation_twiceOrZero_reverts() public {
        bytes32 a = keccak256("attestation-1");
        vm.startPrank(ISSUER);
        vm.expectRevert(CredentialRegistry.ZeroAttestationHash.selector);
        registry.revokeAttestation(0);
        registry.revokeAttestation(a);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.AttestationAlreadyRevoked.selector, ISSUER, a));
        registry.revokeAttestation(a);
        vm.stopPrank();
    }

    function test_revokeAttestation_byGovernanceOrHolder_reverts() public {
        anchorAs(HOLDER, H);
        for (uint256 i; i < 3; ++i) {
            address caller = [GOV, HOLDER, GUARDIAN][i];
            vm.prank(caller);
            vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.NotActiveIssuer.selector, caller));
            registry.revokeAttestation(keccak256("a"));
        }
    }

    function test_revokeAttestation_byRemovedIssuer_reverts() public {
        vm.prank(GOV);
        registry.removeIssuer(ISSUER);
        vm.prank(ISSUER);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.NotActiveIssuer.selector, ISSUER));
        registry.revokeAttestation(keccak256("a"));
    }

    function test_revokeAttestation_worksWhilePaused() public {
        vm.prank(GUARDIAN);
        registry.pause();
        vm.prank(ISSUER);
        registry.revokeAttestation(keccak256("a"));
        assertTrue(registry.attestationRevoked(ISSUER, keccak256("a")), "revoked while paused");
    }

    function testFuzz_revokeAttestation_unauthorizedCallerReverts(address caller, bytes32 a) public {
        vm.assume(caller != ISSUER);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(CredentialRegistry.NotActiveIssuer.selector, caller));
        registry.revokeAttestation(a);
        assertTrue(!registry.attestationRevoked(ISSUER, a), "nothing revoked");
    }

    function testFuzz_revokeAttestation_onlyThatHash(bytes32 a, bytes32 b) public {
        vm.assume(a != 0 && a != b);
        vm.prank(ISSUER);
        registry.revokeAttestation(a);
        assertTrue(registry.attestationRevoked(ISSUER, a), "revoked");
        assertTrue(!registry.attestationRevoked(ISSUER, b), "other hash untouched");
    }

    // ------------------------------------------------------------ governance base

    function test_initialize_onlyOnce() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        registry.initialize(address(1), address(2));
    }

    function test_pause_guardianCannotUnpause() public {
        vm.prank(address(0xBAD));
        vm.expectRevert(abi.encodeWithSelector(Governed.NotGuardian.selector, address(0xBAD)));
        registry.pause();
        vm.prank(GUARDIAN);
        registry.pause();
        vm.prank(GUARDIAN);
        vm.expectRevert(abi.encodeWithSelector(Governed.NotGovernance.selector, GUARDIAN));
        registry.unpause();
        vm.prank(GOV);
        registry.unpause();
        anchorAs(HOLDER, H);
    }

    function test_setGuardianAndGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(Governed.NotGovernance.selector, address(this)));
        registry.setGuardian(address(1));
        vm.expectRevert(abi.encodeWithSelector(Governed.NotGovernance.selector, address(this)));
        registry.setGovernance(address(1));
        vm.startPrank(GOV);
        registry.setGuardian(address(0x77));
        vm.expectRevert(Governed.ZeroAddress.selector);
        registry.setGovernance(address(0));
        registry.setGovernance(address(0x88));
        vm.stopPrank();
        assertEq(registry.guardian(), address(0x77));
        assertEq(registry.governance(), address(0x88));
    }

    // ------------------------------------------------------------ helpers

    function batch(uint256 n, uint256 salt) internal pure returns (CredentialRegistry.AnchorRequest[] memory rs) {
        rs = new CredentialRegistry.AnchorRequest[](n);
        for (uint256 i; i < n; ++i) {
            bytes32 h = keccak256(abi.encode("batch", salt, i));
            rs[i] = CredentialRegistry.AnchorRequest(h, ISSUER, "schema", keccak256(abi.encode(h)), bytes32(i));
        }
    }

    /// @dev The shared statement prefix of a proof bound to `holder` at the current block time.
    function statement(address holder) internal view returns (uint256[7] memory s) {
        s = [BJ_X, BJ_Y, 1001, 3, uint256(uint160(holder)), registry.verificationContext(holder), block.timestamp];
    }

    /// @dev Anchors H for HOLDER, registers circuit 7 and returns an honest statement for it.
    function readyStatement() internal returns (uint256[7] memory) {
        vm.warp(1_800_000_000);
        anchorAs(HOLDER, H);
        vm.prank(GOV);
        registry.registerCircuit(7, address(verifier), 7);
        return statement(HOLDER);
    }

    function dyn(uint256[7] memory s) internal pure returns (uint256[] memory d) {
        d = new uint256[](7);
        for (uint256 i; i < 7; ++i) {
            d[i] = s[i];
        }
    }
}
