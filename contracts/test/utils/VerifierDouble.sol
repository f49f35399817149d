// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @dev A stand-in for a snarkjs Groth16 verifier with 7 public inputs (the shared statement prefix), same ABI. A "proof" is accepted when
///      pA[0] == keccak256(pubSignals) mod r and pC[1] == 7, so tests can build accepted and rejected proofs.
contract VerifierDouble7 {
    uint256 internal constant R = 21888242871839275222246405745257275088548364400416034343698204186575808495617;

    function verifyProof(uint256[2] calldata _pA, uint256[2][2] calldata _pB, uint256[2] calldata _pC,
        uint256[7] calldata _pubSignals) public pure returns (bool) {
        _pB;
        return _pA[0] == uint256(keccak256(abi.encode(_pubSignals))) % R && _pC[1] == 7;
    }

    /// @dev Builds an accepted proof for `pubSignals`, flattened as CredentialRegistry.markVerified takes it.
    function proofFor(uint256[7] memory pubSignals) external pure returns (uint256[8] memory proof) {
        proof[0] = uint256(keccak256(abi.encode(pubSignals))) % R;
        proof[2] = 1;
        proof[7] = 7;
    }
}

/// @dev A verifier with 2 public inputs: registering it with N=7 must make proofs fail (selector mismatch).
contract VerifierDouble2 {
    function verifyProof(uint256[2] calldata, uint256[2][2] calldata, uint256[2] calldata, uint256[2] calldata)
        public pure returns (bool) {
        return true;
    }
}

/// @dev A verifier that returns garbage (not an ABI bool) for any call: must be treated as a rejection.
contract VerifierGarbage {
    fallback(bytes calldata) external returns (bytes memory) {
        return abi.encode(uint256(2), uint256(3));
    }
}
