// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governed} from "../common/Governed.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/// @title CredentialRegistry
/// @notice Anchors credentials on-chain: one storage slot per credential (holder, issuer id, time, revoked flag,
///         verifying circuit); the schema, the content digest of the encrypted package and the Arweave copy are in
///         the CredentialAnchored event. Issuers and the Groth16 verifier contracts are registered by governance.
///         Issuers may revoke attestations they signed; holders check that before trusting one (docs/CREDENTIALS.md).
contract CredentialRegistry is Governed {
    /// @notice BN254 scalar field order: public inputs of a Groth16 proof are below it.
    uint256 public constant SNARK_SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;
    /// @notice Highest issuer royalty, in basis points.
    uint16 public constant MAX_ROYALTY_BPS = 2500;
    /// @notice Largest number of public inputs a registered circuit may have.
    uint8 public constant MAX_PUBLIC_INPUTS = 64;
    /// @notice Every Enclave circuit's public signals start with the same seven (docs/ZK.md): issuerAx, issuerAy,
    ///         schema, attribute, subject, context, timeBound. These are their positions.
    uint8 public constant ISSUER_AX_INDEX = 0;
    uint8 public constant ISSUER_AY_INDEX = 1;
    uint8 public constant SUBJECT_INDEX = 4;
    uint8 public constant CONTEXT_INDEX = 5;
    uint8 public constant TIME_BOUND_INDEX = 6;
    /// @notice Number of public signals every circuit shares; a circuit has at least this many.
    uint8 public constant STATEMENT_PREFIX = 7;
    /// @notice How old a proof's time bound may be when {markVerified} checks it.
    uint256 public constant MAX_PROOF_AGE = 1 days;
    /// @notice How far a proof's time bound may lie ahead of block.timestamp (clock skew of the prover).
    uint256 public constant MAX_CLOCK_SKEW = 15 minutes;

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
        uint8 publicInputs; // N; signals 0..6 are the shared statement prefix (see STATEMENT_PREFIX)
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
    // ---- appended in storage version 2 (UUPS: only ever append below this line) ----
    /// @dev keccak256(babyJubX, babyJubY) -> issuer id: one key, one issuer, so a key names its issuer on-chain.
    mapping(bytes32 keyHash => uint32 issuerId) private _issuerIdByKey;
    /// @dev Attestations an issuer revoked, by the keccak256 of their canonical JSON.
    mapping(uint32 issuerId => mapping(bytes32 attestationHash => bool)) private _attestationRevoked;
    /// @dev keccak256(abi.encodePacked(proof, pubSignals)) of the proof {markVerified} accepted for a credential.
    mapping(bytes32 credentialHash => bytes32 proofHash) private _verifiedProofs;

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
    error ProofNotBoundToHolder(bytes32 credentialHash);
    error ProofNotBoundToIssuer(bytes32 credentialHash);
    error ProofOutdated(uint256 timeBound, uint256 blockTime);
    error IssuerKeyInUse(uint256 babyJubX, uint256 babyJubY);
    error NotActiveIssuer(address caller);
    error ZeroAttestationHash();
    error AttestationAlreadyRevoked(address issuer, bytes32 attestationHash);
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
    event CircuitRegistered(uint16 indexed circuitId, address indexed verifier, uint8 publicInputs);
    /// @notice Governance removed a circuit.
    event CircuitRemoved(uint16 indexed circuitId);
    /// @notice An issuer revoked an attestation it had signed (named by keccak256 of its canonical JSON).
    event AttestationRevoked(address indexed issuer, bytes32 indexed attestationHash);

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

    /// @notice Revokes an attestation the caller signed as an issuer, so that holders' checks refuse it. Only a
    ///         registered, active issuer's account may call it; the hash names the attestation (keccak256 of its
    ///         canonical JSON, which includes its random salt, so the hash reveals nothing about the value). Works
    ///         while the registry is paused: revoking only ever withdraws trust.
    /// @param attestationHash the attestation, not zero
    function revokeAttestation(bytes32 attestationHash) external {
        IssuerRef memory ref = _issuerRefs[msg.sender];
        if (ref.id == 0 || !ref.active) {
            revert NotActiveIssuer(msg.sender);
        }
        if (attestationHash == bytes32(0)) {
            revert ZeroAttestationHash();
        }
        mapping(bytes32 => bool) storage revoked = _attestationRevoked[ref.id];
        if (revoked[attestationHash]) {
            revert AttestationAlreadyRevoked(msg.sender, attestationHash);
        }
        revoked[attestationHash] = true;
        emit AttestationRevoked(msg.sender, attestationHash);
    }

    /// @notice Marks a credential "verified on-chain" by a Groth16 proof checked by the circuit's registered
    ///         verifier. A proof cannot contain the credential hash (the hash covers the package that contains the
    ///         proof), so the proof is bound to what the registry knows about the credential instead: its issuer key
    ///         (signals 0-1) is the anchored issuer's, its subject (4) is the holder, its context (5) is
    ///         {verificationContext}(holder) — this chain, this registry, this holder — and its time bound (6) is at
    ///         most MAX_PROOF_AGE old. The registry records keccak256(proof, pubSignals), so anyone can check which
    ///         statement (schema, attribute, predicate constants) was verified. Anyone may submit the proof.
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
        Issuer storage iss = _issuers[c.issuerId];
        if (pubSignals[ISSUER_AX_INDEX] != iss.babyJubX || pubSignals[ISSUER_AY_INDEX] != iss.babyJubY) {
            revert ProofNotBoundToIssuer(credentialHash);
        }
        address holder = c.holder;
        if (pubSignals[SUBJECT_INDEX] != uint256(uint160(holder))
            || pubSignals[CONTEXT_INDEX] != verificationContext(holder)) {
            revert ProofNotBoundToHolder(credentialHash);
        }
        uint256 timeBound = pubSignals[TIME_BOUND_INDEX];
        // written so that no operand overflows whatever the prover puts in the signal
        if (timeBound > block.timestamp + MAX_CLOCK_SKEW
            || (timeBound < block.timestamp && block.timestamp - timeBound > MAX_PROOF_AGE)) {
            revert ProofOutdated(timeBound, block.timestamp);
        }
        // snarkjs verifiers take fixed-size arrays, so the call is encoded by hand: the selector depends on N and
        // static arrays (uint[2], uint[2][2], uint[2], uint[N]) are encoded in place, word after word.
        bytes memory callData = abi.encodePacked(k.selector, proof, pubSignals);
        (bool ok, bytes memory ret) = k.verifier.staticcall(callData);
        if (!ok || ret.length != 32 || abi.decode(ret, (uint256)) != 1) {
            revert ProofRejected(circuitId);
        }
        c.verifiedBy = circuitId;
        _verifiedProofs[credentialHash] = keccak256(abi.encodePacked(proof, pubSignals));
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
        bytes32 keyHash = keccak256(abi.encode(babyJubX, babyJubY));
        if (_issuerIdByKey[keyHash] != 0) {
            revert IssuerKeyInUse(babyJubX, babyJubY);
        }
        if (royaltyBps > MAX_ROYALTY_BPS) {
            revert RoyaltyTooHigh(royaltyBps, MAX_ROYALTY_BPS);
        }
        uint32 id = ++_issuerCount;
        _issuers[id] = Issuer(account, royaltyBps, true, babyJubX, babyJubY);
        _issuerRefs[account] = IssuerRef(id, true);
        _issuerIdByKey[keyHash] = id;
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
    /// @param publicInputs N, the number of public inputs of verifyProof; the first STATEMENT_PREFIX are the
    ///        shared statement (issuer key, schema, attribute, subject, context, time bound)
    function registerCircuit(uint16 circuitId, address verifier, uint8 publicInputs) external onlyGovernance {
        if (circuitId == 0 || verifier.code.length == 0 || publicInputs < STATEMENT_PREFIX
            || publicInputs > MAX_PUBLIC_INPUTS) {
            revert InvalidCircuit(circuitId);
        }
        bytes4 selector = bytes4(keccak256(abi.encodePacked(
            "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[", Strings.toString(publicInputs), "])")));
        _circuits[circuitId] = Circuit(verifier, selector, publicInputs);
        emit CircuitRegistered(circuitId, verifier, publicInputs);
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

    /// @notice The issuer account registered with a BabyJubJub key (zero = none; the issuer may since be removed).
    /// @param babyJubX x of the key
    /// @param babyJubY y of the key
    function issuerOfKey(uint256 babyJubX, uint256 babyJubY) external view returns (address) {
        return _issuers[_issuerIdByKey[keccak256(abi.encode(babyJubX, babyJubY))]].account;
    }

    /// @notice Whether `issuerAccount` revoked the attestation with this hash.
    /// @param issuerAccount the issuer
    /// @param attestationHash keccak256 of the attestation's canonical JSON
    function attestationRevoked(address issuerAccount, bytes32 attestationHash) external view returns (bool) {
        uint32 id = _issuerRefs[issuerAccount].id;
        return id != 0 && _attestationRevoked[id][attestationHash];
    }

    /// @notice keccak256(abi.encodePacked(proof, pubSignals)) of the proof that verified a credential (zero = none).
    /// @param credentialHash the credential
    function verifiedProof(bytes32 credentialHash) external view returns (bytes32) {
        return _verifiedProofs[credentialHash];
    }

    /// @notice The context a proof for {markVerified} must carry for `holder`:
    ///         keccak256(abi.encodePacked(block.chainid, address(this), holder)) mod r. It differs from every sale's
    ///         context (chain, marketplace, listing, buyer: a 104-byte preimage, this one has 72), so a proof sold to
    ///         a buyer cannot be replayed here and the other way round.
    /// @param holder the credential's holder
    function verificationContext(address holder) public view returns (uint256) {
        return uint256(keccak256(abi.encodePacked(block.chainid, address(this), holder))) % SNARK_SCALAR_FIELD;
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
