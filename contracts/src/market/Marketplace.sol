// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governed} from "../common/Governed.sol";
import {CredentialRegistry} from "../registry/CredentialRegistry.sol";

/// @title Marketplace
/// @notice Listings of anchored credentials and escrowed purchases with a fair-exchange protocol: the buyer pays into
///         escrow together with its secp256k1 public key; the seller's `deliverKey` (the content key wrapped to that
///         key) within the delivery window releases the escrow as pull payments (platform fee to the treasury,
///         issuer royalty, the rest to the seller); without delivery the buyer is refunded after the window; after
///         delivery the buyer may open a dispute, which governance resolves.
/// @dev Invariant: the contract's balance equals the escrowed purchases plus the owed withdrawals.
///      While paused, listing, buying, delivering and withdrawing stop; removing a listing, refunds (which only credit
///      the buyer) and opening disputes stay possible, so no buyer loses a right to a pause. Disputes are settled by
///      governance: the seller's share is released at delivery, so compensation comes from the seller's unwithdrawn
///      balance (clawback) and from slashing the seller's vouchers in TrustStaking.
contract Marketplace is Governed {
    /// @notice Highest platform fee, in basis points.
    uint16 public constant MAX_FEE_BPS = 1000;
    uint32 public constant MIN_WINDOW = 1 hours;
    uint32 public constant MAX_WINDOW = 90 days;
    /// @notice Longest wrapped key accepted by deliverKey.
    uint256 public constant MAX_WRAPPED_KEY = 1024;

    enum Status { None, Escrowed, Delivered, Refunded, Disputed, Resolved }

    struct Listing {
        address seller;
        uint96 price; // zero once removed
        bytes32 credentialHash;
    }

    struct Purchase {
        address buyer;
        uint96 amount;
        uint64 listingId;
        uint40 deliverBy;
        uint40 disputeBy;
        Status status;
    }

    struct Params {
        address treasury;
        uint16 feeBps;
        uint32 deliveryWindow;
        uint32 disputeWindow;
    }

    /// @notice The credential registry consulted for ownership, validity and royalties.
    CredentialRegistry public immutable registry;

    Params private _params;
    uint64 private _listingCount;
    uint64 private _purchaseCount;
    mapping(uint256 listingId => Listing) private _listings;
    mapping(uint256 purchaseId => Purchase) private _purchases;
    mapping(address account => uint256) private _owed;

    error NotHolder(bytes32 credentialHash, address caller);
    error CredentialNotValid(bytes32 credentialHash);
    error ZeroPrice();
    error UnknownListing(uint256 listingId);
    error ListingInactive(uint256 listingId);
    error NotSeller(uint256 listingId, address caller);
    error WrongPayment(uint256 expected, uint256 sent);
    error BadPublicKey();
    error PublicKeyNotSender(address derived, address sender);
    error SelfPurchase();
    error UnknownPurchase(uint256 purchaseId);
    error WrongStatus(uint256 purchaseId, Status status);
    error DeliveryWindowClosed(uint256 purchaseId, uint256 deliverBy);
    error DeliveryWindowOpen(uint256 purchaseId, uint256 deliverBy);
    error DisputeWindowClosed(uint256 purchaseId, uint256 disputeBy);
    error NotBuyer(uint256 purchaseId, address caller);
    error BadWrappedKey();
    error ZeroEvidence();
    error ClawbackWithoutBuyerWin();
    error ClawbackTooHigh(uint256 clawback, uint256 amount);
    error NothingOwed(address account);
    error TransferFailed(address to, uint256 amount);
    error FeeTooHigh(uint16 feeBps, uint16 maxBps);
    error WindowOutOfRange(uint32 window);

    event ListingCreated(uint256 indexed listingId, bytes32 indexed credentialHash, address indexed seller,
        uint256 price, bytes32 metadataDigest, bytes32 keyCommitment);
    event PriceUpdated(uint256 indexed listingId, uint256 price);
    event ListingRemoved(uint256 indexed listingId);
    /// @notice A purchase was escrowed; the seller wraps the content key to `buyerPublicKey` (64 bytes x||y).
    event CredentialPurchased(uint256 indexed purchaseId, uint256 indexed listingId, address indexed buyer,
        uint256 amount, bytes buyerPublicKey, uint256 deliverBy);
    /// @notice The seller delivered the wrapped content key; the escrow is released.
    event KeyDelivered(uint256 indexed purchaseId, address indexed seller, bytes wrappedKey, uint256 sellerAmount,
        uint256 fee, uint256 disputeBy);
    event RoyaltyPaid(uint256 indexed purchaseId, address indexed issuer, uint256 amount);
    event Refunded(uint256 indexed purchaseId, address indexed buyer, uint256 amount);
    event DisputeOpened(uint256 indexed purchaseId, address indexed buyer, bytes32 evidenceDigest);
    event DisputeResolved(uint256 indexed purchaseId, bool buyerWins, uint256 clawedBack);
    event PaymentWithdrawn(address indexed account, uint256 amount);
    event ParamsChanged(address treasury, uint16 feeBps, uint32 deliveryWindow, uint32 disputeWindow);

    /// @param registry_ the credential registry (its proxy)
    /// @custom:oz-upgrades-unsafe-allow constructor state-variable-immutable
    constructor(CredentialRegistry registry_) {
        if (address(registry_) == address(0)) {
            revert ZeroAddress();
        }
        registry = registry_;
    }

    /// @notice Initializes the proxy.
    /// @param governance_ the timelock
    /// @param guardian_ the address allowed to pause
    /// @param initialParams the treasury, fee and windows
    function initialize(address governance_, address guardian_, Params calldata initialParams) external initializer {
        __Governed_init(governance_, guardian_);
        _setParams(initialParams);
    }

    // ---------------------------------------------------------------- sellers

    /// @notice Lists a credential the caller holds.
    /// @param credentialHash the credential (valid, held by the caller)
    /// @param price price in wei of the native token, not zero
    /// @param metadataDigest digest of the listing metadata (event only)
    /// @param keyCommitment commitment to the content key, checked by the buyer after delivery (event only)
    /// @return listingId the new listing's id
    function createListing(bytes32 credentialHash, uint96 price, bytes32 metadataDigest, bytes32 keyCommitment)
        external whenNotPaused returns (uint256 listingId) {
        if (price == 0) {
            revert ZeroPrice();
        }
        (address holder,,, bool valid) = registry.saleTerms(credentialHash);
        if (holder != msg.sender) {
            revert NotHolder(credentialHash, msg.sender);
        }
        if (!valid) {
            revert CredentialNotValid(credentialHash);
        }
        listingId = ++_listingCount;
        _listings[listingId] = Listing(msg.sender, price, credentialHash);
        emit ListingCreated(listingId, credentialHash, msg.sender, price, metadataDigest, keyCommitment);
    }

    /// @notice Changes the price of an active listing.
    /// @param listingId the caller's listing
    /// @param price the new price, not zero
    function updatePrice(uint256 listingId, uint96 price) external whenNotPaused {
        if (price == 0) {
            revert ZeroPrice();
        }
        _activeListingOfSender(listingId).price = price;
        emit PriceUpdated(listingId, price);
    }

    /// @notice Removes an active listing; pending purchases of it can still be delivered or refunded.
    /// @param listingId the caller's listing
    function removeListing(uint256 listingId) external {
        _activeListingOfSender(listingId).price = 0;
        emit ListingRemoved(listingId);
    }

    /// @notice Delivers the content key wrapped to the buyer's public key and releases the escrow.
    /// @param purchaseId an escrowed purchase of one of the caller's listings, within its delivery window
    /// @param wrappedKey the ECIES-wrapped content key (1 to 1024 bytes), published in KeyDelivered
    function deliverKey(uint256 purchaseId, bytes calldata wrappedKey) external whenNotPaused {
        if (wrappedKey.length == 0 || wrappedKey.length > MAX_WRAPPED_KEY) {
            revert BadWrappedKey();
        }
        Purchase storage p = _purchase(purchaseId);
        if (p.status != Status.Escrowed) {
            revert WrongStatus(purchaseId, p.status);
        }
        Listing storage l = _listings[p.listingId];
        if (msg.sender != l.seller) {
            revert NotSeller(p.listingId, msg.sender);
        }
        if (block.timestamp > p.deliverBy) {
            revert DeliveryWindowClosed(purchaseId, p.deliverBy);
        }
        Params memory cfg = _params;
        uint256 amount = p.amount;
        uint40 disputeBy = uint40(block.timestamp + cfg.disputeWindow);
        p.disputeBy = disputeBy;
        p.status = Status.Delivered;

        uint256 fee = amount * cfg.feeBps / 10_000;
        (, address issuerAccount, uint16 royaltyBps,) = registry.saleTerms(l.credentialHash);
        uint256 royalty = issuerAccount == address(0) ? 0 : amount * royaltyBps / 10_000;
        uint256 sellerAmount = amount - fee - royalty;
        if (fee != 0) {
            _owed[cfg.treasury] += fee;
        }
        if (royalty != 0) {
            _owed[issuerAccount] += royalty;
            emit RoyaltyPaid(purchaseId, issuerAccount, royalty);
        }
        _owed[msg.sender] += sellerAmount;
        emit KeyDelivered(purchaseId, msg.sender, wrappedKey, sellerAmount, fee, disputeBy);
    }

    // ---------------------------------------------------------------- buyers

    /// @notice Buys a listing: pays its exact price into escrow.
    /// @param listingId an active listing of a still valid credential
    /// @param buyerPublicKey the caller's uncompressed secp256k1 public key, 64 bytes x||y (no 0x04 prefix), whose
    ///        keccak256 ends with the caller's address
    /// @return purchaseId the new purchase's id
    function purchase(uint256 listingId, bytes calldata buyerPublicKey)
        external payable whenNotPaused returns (uint256 purchaseId) {
        if (buyerPublicKey.length != 64) {
            revert BadPublicKey();
        }
        address derived = address(uint160(uint256(keccak256(buyerPublicKey))));
        if (derived != msg.sender) {
            revert PublicKeyNotSender(derived, msg.sender);
        }
        Listing memory l = _listings[listingId];
        if (l.seller == address(0)) {
            revert UnknownListing(listingId);
        }
        if (l.price == 0) {
            revert ListingInactive(listingId);
        }
        if (msg.value != l.price) {
            revert WrongPayment(l.price, msg.value);
        }
        if (l.seller == msg.sender) {
            revert SelfPurchase();
        }
        (,,, bool valid) = registry.saleTerms(l.credentialHash);
        if (!valid) {
            revert CredentialNotValid(l.credentialHash);
        }
        uint40 deliverBy = uint40(block.timestamp + _params.deliveryWindow);
        purchaseId = ++_purchaseCount;
        _purchases[purchaseId] = Purchase(msg.sender, l.price, uint64(listingId), deliverBy, 0, Status.Escrowed);
        emit CredentialPurchased(purchaseId, listingId, msg.sender, l.price, buyerPublicKey, deliverBy);
    }

    /// @notice Refunds an undelivered purchase after its delivery window; anyone may trigger it, the buyer is
    ///         credited (withdraw with {withdrawPayments}).
    /// @param purchaseId an escrowed purchase past its delivery window
    function refund(uint256 purchaseId) external {
        Purchase storage p = _purchase(purchaseId);
        if (p.status != Status.Escrowed) {
            revert WrongStatus(purchaseId, p.status);
        }
        if (block.timestamp <= p.deliverBy) {
            revert DeliveryWindowOpen(purchaseId, p.deliverBy);
        }
        p.status = Status.Refunded;
        _owed[p.buyer] += p.amount;
        emit Refunded(purchaseId, p.buyer, p.amount);
    }

    /// @notice Opens a dispute about a delivered key (it does not decrypt, the proof does not verify, ...).
    /// @param purchaseId the caller's delivered purchase, within its dispute window
    /// @param evidenceDigest digest of the evidence package, not zero
    function openDispute(uint256 purchaseId, bytes32 evidenceDigest) external {
        if (evidenceDigest == bytes32(0)) {
            revert ZeroEvidence();
        }
        Purchase storage p = _purchase(purchaseId);
        if (msg.sender != p.buyer) {
            revert NotBuyer(purchaseId, msg.sender);
        }
        if (p.status != Status.Delivered) {
            revert WrongStatus(purchaseId, p.status);
        }
        if (block.timestamp > p.disputeBy) {
            revert DisputeWindowClosed(purchaseId, p.disputeBy);
        }
        p.status = Status.Disputed;
        emit DisputeOpened(purchaseId, msg.sender, evidenceDigest);
    }

    /// @notice Pays out everything owed to the caller (seller proceeds, royalties, fees, refunds).
    function withdrawPayments() external whenNotPaused nonReentrant {
        uint256 amount = _owed[msg.sender];
        if (amount == 0) {
            revert NothingOwed(msg.sender);
        }
        _owed[msg.sender] = 0;
        emit PaymentWithdrawn(msg.sender, amount);
        (bool ok,) = msg.sender.call{value: amount}("");
        if (!ok) {
            revert TransferFailed(msg.sender, amount);
        }
    }

    // ---------------------------------------------------------------- governance

    /// @notice Settles a dispute (governance only). When the buyer wins, up to `clawback` of the seller's not yet
    ///         withdrawn balance (at most the purchase amount) moves to the buyer; vouchers are slashed separately
    ///         through TrustStaking in the same proposal.
    /// @param purchaseId a disputed purchase
    /// @param buyerWins the decision
    /// @param clawback the most to take back from the seller's owed balance
    function resolveDispute(uint256 purchaseId, bool buyerWins, uint256 clawback) external onlyGovernance {
        Purchase storage p = _purchase(purchaseId);
        if (p.status != Status.Disputed) {
            revert WrongStatus(purchaseId, p.status);
        }
        if (clawback != 0 && !buyerWins) {
            revert ClawbackWithoutBuyerWin();
        }
        if (clawback > p.amount) {
            revert ClawbackTooHigh(clawback, p.amount);
        }
        p.status = Status.Resolved;
        address seller = _listings[p.listingId].seller;
        uint256 available = _owed[seller];
        uint256 taken = clawback < available ? clawback : available;
        if (taken != 0) {
            _owed[seller] = available - taken;
            _owed[p.buyer] += taken;
        }
        emit DisputeResolved(purchaseId, buyerWins, taken);
    }

    /// @notice Sets the treasury, fee and windows (governance only).
    /// @param newParams the new parameters
    function setParams(Params calldata newParams) external onlyGovernance {
        _setParams(newParams);
    }

    // ---------------------------------------------------------------- views

    /// @notice The current parameters.
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @notice A listing (seller zero = unknown, price zero = removed).
    /// @param listingId the listing
    function listing(uint256 listingId) external view returns (Listing memory) {
        return _listings[listingId];
    }

    /// @notice A purchase (status None = unknown).
    /// @param purchaseId the purchase
    function purchaseOf(uint256 purchaseId) external view returns (Purchase memory) {
        return _purchases[purchaseId];
    }

    /// @notice What {withdrawPayments} would pay `account`.
    /// @param account the payee
    function owed(address account) external view returns (uint256) {
        return _owed[account];
    }

    /// @notice Number of listings and purchases created so far (ids start at 1).
    function counts() external view returns (uint256 listings, uint256 purchases) {
        return (_listingCount, _purchaseCount);
    }

    // ---------------------------------------------------------------- internals

    function _setParams(Params calldata p) private {
        if (p.treasury == address(0)) {
            revert ZeroAddress();
        }
        if (p.feeBps > MAX_FEE_BPS) {
            revert FeeTooHigh(p.feeBps, MAX_FEE_BPS);
        }
        if (p.deliveryWindow < MIN_WINDOW || p.deliveryWindow > MAX_WINDOW) {
            revert WindowOutOfRange(p.deliveryWindow);
        }
        if (p.disputeWindow < MIN_WINDOW || p.disputeWindow > MAX_WINDOW) {
            revert WindowOutOfRange(p.disputeWindow);
        }
        _params = p;
        emit ParamsChanged(p.treasury, p.feeBps, p.deliveryWindow, p.disputeWindow);
    }

    function _activeListingOfSender(uint256 listingId) private view returns (Listing storage l) {
        l = _listings[listingId];
        if (l.seller == address(0)) {
            revert UnknownListing(listingId);
        }
        if (l.seller != msg.sender) {
            revert NotSeller(listingId, msg.sender);
        }
        if (l.price == 0) {
            revert ListingInactive(listingId);
        }
    }

    function _purchase(uint256 purchaseId) private view returns (Purchase storage p) {
        p = _purchases[purchaseId];
        if (p.status == Status.None) {
            revert UnknownPurchase(purchaseId);
        }
    }
}
