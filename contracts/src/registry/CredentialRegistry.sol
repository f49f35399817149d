// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governed} from "../common/Governed.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/// @title CredentialRegistry
/// @notice Anchors credentials on-chain: one storage slot per credential (holder, issuer id, time, revoked flag,
///         verifying circuit); the schema, the content digest of the encrypted package and the Arweave copy are in
///         the CredentialAnchored event. Issuers and the Groth16 verifier contracts are registered by governance.
contract CredentialRegistry is Governed {
    /// @notice BN254 scalar field order: public inputs of a Groth16 proof are below it.
    uint256 public constant SNARK_SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;
    /// @notice Highest issuer royalty, in basis points.
    uint16 public constant MAX_ROYALTY_BPS = 2500;
    /// @notice Largest number of public inputs a registered circuit may have.
    uint8 public constant MAX_PUBLIC_INPUTS = 64;

    struct Credential {
        address holder;
        uint32 issuerId;
        uint40 anchoredAt;
        bool revoked;
        uint16 verifiedBy; // circuit id of the proof that verified it, 0 = not verified on-chain
    }

    struct Issuer {
        address account;
        uint16 royaltyBps;
        bool active;
        uint256 babyJubX;
        uint256 babyJubY;
    }

    struct Circuit {
        address verifier;
        bytes4 selector; // verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[N])
        uint8 publicInputs; // N
        uint8 credentialIndex; // pubSignals[credentialIndex] must equal the credential hash
        uint8 issuerKeyIndex; // pubSignals[issuerKeyIndex], [issuerKeyIndex + 1] must equal the issuer's BabyJubJub key
    }

    /// @notice One credential of a batch anchor.
    struct AnchorRequest {
        bytes32 credentialHash;
        address issuer;
        bytes32 schemaId;
        bytes32 contentDigest;
        bytes32 arweaveTx;
    }

    mapping(bytes32 credentialHash => Credential) private _credentials;
    mapping(uint32 issuerId => Issuer) private _issuers;
    /// @dev Issuer address -> id, with the active flag beside it so that anchoring reads one slot.
    struct IssuerRef {
        uint32 id;
        bool active;
    }

    mapping(address account => IssuerRef) private _issuerRefs;
    mapping(uint16 circuitId => Circuit) private _circuits;
    uint32 private _issuerCount;

    error ZeroCredentialHash();
    error ZeroContentDigest();
    error CredentialExists(bytes32 credentialHash);
    error UnknownCredential(bytes32 credentialHash);
    error AlreadyRevoked(bytes32 credentialHash);
    error NotHolderOrIssuer(bytes32 credentialHash, address caller);
    error UnknownIssuer(address issuer);
    error IssuerInactive(address issuer);
    error IssuerExists(address issuer);
    error RoyaltyTooHigh(uint16 royaltyBps, uint16 maxBps);
    error InvalidBabyJubKey();
    error EmptyBatch();
    error InvalidCircuit(uint16 circuitId);
    error UnknownCircuit(uint16 circuitId);
    error WrongPublicInputCount(uint16 circuitId, uint256 expected, uint256 given);
    error ProofNotBoundToCredential(bytes32 credentialHash);
    error ProofNotBoundToIssuer(bytes32 credentialHash);
    error ProofRejected(uint16 circuitId);
    error CredentialNotValid(bytes32 credentialHash);

    /// @notice A holder anchored a credential. The schema, the content digest (the sha2-256 digest inside the
    ///         encrypted package's CIDv1) and the Arweave transaction id (zero = none) live only in this event.
    event CredentialAnchored(bytes32 indexed credentialHash, address indexed holder, address indexed issuer,
        bytes32 schemaId, bytes32 contentDigest, bytes32 arweaveTx);
    /// @notice A credential was revoked by its holder or its issuer (`by`).
    event CredentialRevoked(bytes32 indexed credentialHash, address indexed by);
    /// @notice A Groth16 proof for circuit `circuitId` verified on-chain for the credential.
    event CredentialVerified(bytes32 indexed credentialHash, uint16 indexed circuitId, address indexed prover);
    /// @notice Governance registered an issuer.
    event IssuerRegistered(address indexed issuer, uint32 indexed issuerId, uint256 babyJubX, uint256 babyJubY,
        uint16 royaltyBps);
    /// @notice Governance changed an issuer's royalty.
    event IssuerRoyaltyChanged(address indexed issuer, uint16 royaltyBps);
    /// @notice Governance removed an issuer: its credentials are no longer valid.
    event IssuerRemoved(address indexed issuer);
    /// @notice Governance registered (or replaced) a verifier for a circuit.
    event CircuitRegistered(uint16 indexed circuitId, address indexed verifier, uint8 publicInputs,
        uint8 credentialIndex, uint8 issuerKeyIndex);
    /// @notice Governance removed a circuit.
    event CircuitRemoved(uint16 indexed circuitId);

    /// @notice Initializes the proxy.
    /// @param governance_ the timelock
    /// @param guardian_ the address allowed to pause
    function initialize(address governance_, address guardian_) external initializer {
        __Governed_init(governance_, guardian_);
    }

    // ---------------------------------------------------------------- holders

    /// @notice Anchors one credential held by the caller.
    /// @param credentialHash the credential's hash (not zero, not anchored before)
    /// @param issuerAccount the registered, active issuer that attested it
    /// @param schemaId the schema identifier (event only)
    /// @param contentDigest sha2-256 digest of the encrypted package (the digest inside its CIDv1), not zero
    /// @param arweaveTx the Arweave transaction id of the copy, zero for none (event only)
    function anchor(bytes32 credentialHash, address issuerAccount, bytes32 schemaId, bytes32 contentDigest,
        bytes32 arweaveTx) external whenNotPaused {
        _anchor(credentialHash, issuerAccount, schemaId, contentDigest, arweaveTx);
    }

    /// @notice Anchors several credentials held by the caller in one transaction; all or none.
    /// @param requests the credentials
    function anchorBatch(AnchorRequest[] calldata requests) external whenNotPaused {
        uint256 n = requests.length;
        if (n == 0) {
            revert EmptyBatch();
        }
        for (uint256 i; i < n; ++i) {
            AnchorRequest calldata r = requests[i];
            _anchor(r.credentialHash, r.issuer, r.schemaId, r.contentDigest, r.arweaveTx);
        }
    }

    /// @notice Revokes a credential. Allowed to its holder and to the issuer that attested it.
    /// @param credentialHash the credential
    function revoke(bytes32 credentialHash) external whenNotPaused {
        Credential storage c = _credentials[credentialHash];
        if (c.holder == address(0)) {
            revert UnknownCredential(credentialHash);
        }
        if (c.revoked) {
            revert AlreadyRevoked(credentialHash);
        }
        if (msg.sender != c.holder && msg.sender != _issuers[c.issuerId].account) {
            revert NotHolderOrIssuer(credentialHash, msg.sender);
        }
        c.revoked = true;
        emit CredentialRevoked(credentialHash, msg.sender);
    }

    /// @notice Marks a credential "verified on-chain" by a Groth16 proof checked by the circuit's registered
    ///         verifier. The proof's public inputs must contain the credential hash and its issuer's BabyJubJub key
    ///         at the circuit's registered positions. Anyone may submit the proof.
    /// @param credentialHash the credential (anchored and valid)
    /// @param circuitId the registered circuit
    /// @param proof the proof as snarkjs exports its calldata, flattened: pA[0], pA[1], pB[0][0], pB[0][1],
    ///        pB[1][0], pB[1][1], pC[0], pC[1] (ABI-encoded exactly like verifyProof's three static arrays)
    /// @param pubSignals the public inputs, exactly as many as the circuit has
    function markVerified(bytes32 credentialHash, uint16 circuitId, uint256[8] calldata proof,
        uint256[] calldata pubSignals) external whenNotPaused {
        Credential storage c = _credentials[credentialHash];
        if (!_isValid(c)) {
            revert CredentialNotValid(credentialHash);
        }
        Circuit memory k = _circuits[circuitId];
        if (k.verifier == address(0)) {
            revert UnknownCircuit(circuitId);
        }
        if (pubSignals.length != k.publicInputs) {
            revert WrongPublicInputCount(circuitId, k.publicInputs, pubSignals.length);
        }
        if (pubSignals[k.credentialIndex] != uint256(credentialHash)) {
            revert ProofNotBoundToCredential(credentialHash);
        }
        Issuer storage iss = _issuers[c.issuerId];
        if (pubSignals[k.issuerKeyIndex] != iss.babyJubX || pubSignals[k.issuerKeyIndex + 1] != iss.babyJubY) {
            revert ProofNotBoundToIssuer(credentialHash);
        }
        // snarkjs verifiers take fixed-size arrays, so the call is encoded by hand: the selector depends on N and
        // static arrays (uint[2], uint[2][2], uint[2], uint[N]) are encoded in place, word after word.
        bytes memory callData = abi.encodePacked(k.selector, proof, pubSignals);
        (bool ok, bytes memory ret) = k.verifier.staticcall(callData);
        if (!ok || ret.length != 32 || abi.decode(ret, (uint256)) != 1) {
            revert ProofRejected(circuitId);
        }
        c.verifiedBy = circuitId;
        emit CredentialVerified(credentialHash, circuitId, msg.sender);
    }

    // ---------------------------------------------------------------- governance

    /// @notice Registers an issuer (governance only).
    /// @param account the issuer's EVM address
    /// @param babyJubX x of the issuer's BabyJubJub public key (below the BN254 scalar field)
    /// @param babyJubY y of the issuer's BabyJubJub public key (below the BN254 scalar field)
    /// @param royaltyBps the issuer's royalty on sales of credentials it attested, in basis points
    function registerIssuer(address account, uint256 babyJubX, uint256 babyJubY, uint16 royaltyBps)
        external onlyGovernance {
        if (account == address(0)) {
            revert ZeroAddress();
        }
        if (_issuerRefs[account].id != 0) {
            revert IssuerExists(account);
        }
        if (babyJubX >= SNARK_SCALAR_FIELD || babyJubY >= SNARK_SCALAR_FIELD || (babyJubX == 0 && babyJubY == 0)) {
            revert InvalidBabyJubKey();
        }
        if (royaltyBps > MAX_ROYALTY_BPS) {
            revert RoyaltyTooHigh(royaltyBps, MAX_ROYALTY_BPS);
        }
        uint32 id = ++_issuerCount;
        _issuers[id] = Issuer(account, royaltyBps, true, babyJubX, babyJubY);
        _issuerRefs[account] = IssuerRef(id, true);
        emit IssuerRegistered(account, id, babyJubX, babyJubY, royaltyBps);
    }

    /// @notice Changes an issuer's royalty (governance only).
    /// @param account the issuer
    /// @param royaltyBps the new royalty in basis points
    function setIssuerRoyalty(address account, uint16 royaltyBps) external onlyGovernance {
        if (royaltyBps > MAX_ROYALTY_BPS) {
            revert RoyaltyTooHigh(royaltyBps, MAX_ROYALTY_BPS);
        }
        _issuers[_requireIssuer(account)].royaltyBps = royaltyBps;
        emit IssuerRoyaltyChanged(account, royaltyBps);
    }

    /// @notice Removes an issuer (governance only): its credentials stop being valid and it cannot be re-registered
    ///         under the same address.
    /// @param account the issuer
    function removeIssuer(address account) external onlyGovernance {
        Issuer storage iss = _issuers[_requireIssuer(account)];
        if (!iss.active) {
            revert IssuerInactive(account);
        }
        iss.active = false;
        _issuerRefs[account].active = false;
        emit IssuerRemoved(account);
    }

    /// @notice Registers or replaces the Groth16 verifier of a circuit (governance only).
    /// @param circuitId the circuit id, not zero
    /// @param verifier the snarkjs-exported verifier contract
    /// @param publicInputs N, the number of public inputs of verifyProof
    /// @param credentialIndex where the credential hash sits in the public inputs
    /// @param issuerKeyIndex where the issuer's BabyJubJub x sits (y follows it)
    function registerCircuit(uint16 circuitId, address verifier, uint8 publicInputs, uint8 credentialIndex,
        uint8 issuerKeyIndex) external onlyGovernance {
        if (circuitId == 0 || verifier.code.length == 0 || publicInputs == 0 || publicInputs > MAX_PUBLIC_INPUTS
            || credentialIndex >= publicInputs || uint256(issuerKeyIndex) + 1 >= publicInputs
            || credentialIndex == issuerKeyIndex || credentialIndex == issuerKeyIndex + 1) {
            revert InvalidCircuit(circuitId);
        }
        bytes4 selector = bytes4(keccak256(abi.encodePacked(
            "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[", Strings.toString(publicInputs), "])")));
        _circuits[circuitId] = Circuit(verifier, selector, publicInputs, credentialIndex, issuerKeyIndex);
        emit CircuitRegistered(circuitId, verifier, publicInputs, credentialIndex, issuerKeyIndex);
    }

    /// @notice Removes a circuit (governance only); credentials it verified keep their flag.
    /// @param circuitId the circuit
    function removeCircuit(uint16 circuitId) external onlyGovernance {
        if (_circuits[circuitId].verifier == address(0)) {
            revert UnknownCircuit(circuitId);
        }
        delete _circuits[circuitId];
        emit CircuitRemoved(circuitId);
    }

    // ---------------------------------------------------------------- views

    /// @notice True when the credential is anchored, not revoked and its issuer is still registered.
    /// @param credentialHash the credential
    function isValid(bytes32 credentialHash) external view returns (bool) {
        return _isValid(_credentials[credentialHash]);
    }

    /// @notice The stored record of a credential (holder zero = unknown).
    /// @param credentialHash the credential
    function credential(bytes32 credentialHash) external view returns (Credential memory) {
        return _credentials[credentialHash];
    }

    /// @notice What the marketplace needs to list and sell a credential.
    /// @param credentialHash the credential
    /// @return holder the holder (zero = unknown)
    /// @return issuerAccount the issuer's address
    /// @return royaltyBps the issuer's current royalty
    /// @return valid whether {isValid} holds
    function saleTerms(bytes32 credentialHash) external view
        returns (address holder, address issuerAccount, uint16 royaltyBps, bool valid) {
        Credential storage c = _credentials[credentialHash];
        Issuer storage iss = _issuers[c.issuerId];
        return (c.holder, iss.account, iss.royaltyBps, !c.revoked && c.holder != address(0) && iss.active);
    }

    /// @notice An issuer's registration (account zero = unknown).
    /// @param account the issuer's address
    function issuer(address account) external view returns (Issuer memory) {
        return _issuers[_issuerRefs[account].id];
    }

    /// @notice A circuit's registration (verifier zero = unknown).
    /// @param circuitId the circuit
    function circuit(uint16 circuitId) external view returns (Circuit memory) {
        return _circuits[circuitId];
    }

    // ---------------------------------------------------------------- internals

    function _anchor(bytes32 credentialHash, address issuerAccount, bytes32 schemaId, bytes32 contentDigest,
        bytes32 arweaveTx) private {
        if (credentialHash == bytes32(0)) {
            revert ZeroCredentialHash();
        }
        if (contentDigest == bytes32(0)) {
            revert ZeroContentDigest();
        }
        Credential storage c = _credentials[credentialHash];
        if (c.holder != address(0)) {
            revert CredentialExists(credentialHash);
        }
        IssuerRef memory ref = _issuerRefs[issuerAccount];
        if (ref.id == 0) {
            revert UnknownIssuer(issuerAccount);
        }
        if (!ref.active) {
            revert IssuerInactive(issuerAccount);
        }
        uint32 id = ref.id;
        _credentials[credentialHash] = Credential(msg.sender, id, uint40(block.timestamp), false, 0);
        emit CredentialAnchored(credentialHash, msg.sender, issuerAccount, schemaId, contentDigest, arweaveTx);
    }

    function _isValid(Credential storage c) private view returns (bool) {
        return c.holder != address(0) && !c.revoked && _issuers[c.issuerId].active;
    }

    function _requireIssuer(address account) private view returns (uint32 id) {
        id = _issuerRefs[account].id;
        if (id == 0) {
            revert UnknownIssuer(account);
        }
    }
}
