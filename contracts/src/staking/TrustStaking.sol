// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governed} from "../common/Governed.sol";
import {VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesUpgradeable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title TrustStaking
/// @notice Vouching with native-token stakes. Every vouchee has a pool; a voucher owns shares of it. Slashing (by
///         governance only) takes a proportion of the pool, so every vouch behind the slashed address - including
///         stakes still unbonding - loses the same proportion, in one step and never more than was staked. The slashed
///         amount is owed to a beneficiary (the harmed buyer) and the treasury as pull payments.
///         Voting power is the staked amount, checkpointed by OpenZeppelin Votes so that governance reads it at the
///         proposal snapshot. Each staker votes with its own stake (no delegation). A slash lowers the pool at once;
///         the vouchers' voting power follows on their next vouch/withdrawal or when anyone calls {sync}.
/// @dev Invariant: the balance equals the sum of the pools' stakes plus the owed payments.
contract TrustStaking is Governed, VotesUpgradeable {
    /// @notice A single slash takes at most this share of a pool, in basis points; a pool is never emptied by slashing.
    uint16 public constant MAX_SLASH_BPS = 9000;
    uint32 public constant MIN_UNBONDING = 1 days;
    uint32 public constant MAX_UNBONDING = 365 days;

    struct Pool {
        uint128 stake;
        uint128 shares;
    }

    struct Vouch {
        uint128 shares; // active shares
        uint128 votingUnits; // voting power this vouch currently gives its voucher
        uint128 unbondingShares;
        uint40 releaseAt;
    }

    struct Params {
        address treasury;
        uint96 minStake;
        uint32 unbondingPeriod;
    }

    Params private _params;
    mapping(address vouchee => Pool) private _pools;
    mapping(address voucher => mapping(address vouchee => Vouch)) private _vouches;
    mapping(address account => uint256) private _owed;

    error DelegationDisabled();
    error ZeroAmount();
    error SelfVouch();
    error StakeBelowMinimum(uint256 amount, uint256 minStake);
    error ZeroShares();
    error InsufficientShares(uint256 requested, uint256 available);
    error NothingUnbonding(address voucher, address vouchee);
    error StillUnbonding(uint256 releaseAt);
    error SlashOutOfRange(uint16 bps);
    error NothingToSlash(address vouchee);
    error CompensationTooHigh(uint256 compensation, uint256 slashed);
    error NothingOwed(address account);
    error TransferFailed(address to, uint256 amount);
    error UnbondingOutOfRange(uint32 period);

    event Vouched(address indexed voucher, address indexed vouchee, uint256 amount, uint256 shares);
    event WithdrawalRequested(address indexed voucher, address indexed vouchee, uint256 shares, uint256 value,
        uint256 releaseAt);
    event Withdrawn(address indexed voucher, address indexed vouchee, uint256 shares, uint256 amount);
    event Slashed(address indexed vouchee, uint16 bps, uint256 amount, address indexed beneficiary,
        uint256 compensation);
    event VotingPowerSynced(address indexed voucher, address indexed vouchee, uint256 burned);
    event PaymentWithdrawn(address indexed account, uint256 amount);
    event ParamsChanged(address treasury, uint96 minStake, uint32 unbondingPeriod);

    /// @notice Initializes the proxy.
    /// @param governance_ the timelock
    /// @param guardian_ the address allowed to pause
    /// @param initialParams the treasury, minimum stake and unbonding period
    function initialize(address governance_, address guardian_, Params calldata initialParams) external initializer {
        __Governed_init(governance_, guardian_);
        __EIP712_init("Enclave TrustStaking", "1");
        __Votes_init();
        _setParams(initialParams);
    }

    // ---------------------------------------------------------------- vouchers

    /// @notice Vouches for `vouchee` with the value sent, or adds to the caller's vouch. A new vouch needs at least
    ///         the minimum stake.
    /// @param vouchee the address vouched for (not the caller)
    function vouch(address vouchee) external payable whenNotPaused {
        if (vouchee == address(0)) {
            revert ZeroAddress();
        }
        if (vouchee == msg.sender) {
            revert SelfVouch();
        }
        uint256 amount = msg.value;
        if (amount == 0) {
            revert ZeroAmount();
        }
        Vouch storage v = _vouches[msg.sender][vouchee];
        if (v.shares == 0 && amount < _params.minStake) {
            revert StakeBelowMinimum(amount, _params.minStake);
        }
        Pool memory current = _pools[vouchee];
        uint256 shares = current.shares == 0 ? amount : amount * current.shares / current.stake;
        if (shares == 0) {
            revert ZeroShares();
        }
        _pools[vouchee] = Pool(SafeCast.toUint128(current.stake + amount), SafeCast.toUint128(current.shares + shares));
        v.shares += SafeCast.toUint128(shares);
        v.votingUnits += SafeCast.toUint128(amount);
        _transferVotingUnits(address(0), msg.sender, amount);
        emit Vouched(msg.sender, vouchee, amount, shares);
    }

    /// @notice Starts unbonding `shares` of the caller's vouch: they stop counting as voting power at once, stay
    ///         slashable, and can be withdrawn after the unbonding period (adding to a pending withdrawal restarts it).
    /// @param vouchee the vouchee
    /// @param shares how many active shares to unbond
    function requestWithdrawal(address vouchee, uint128 shares) external whenNotPaused {
        if (shares == 0) {
            revert ZeroAmount();
        }
        Vouch storage v = _vouches[msg.sender][vouchee];
        uint128 held = v.shares;
        if (shares > held) {
            revert InsufficientShares(shares, held);
        }
        uint128 units = shares == held ? v.votingUnits : uint128(uint256(v.votingUnits) * shares / held);
        v.shares = held - shares;
        v.votingUnits -= units;
        v.unbondingShares += shares;
        uint40 releaseAt = uint40(block.timestamp + _params.unbondingPeriod);
        v.releaseAt = releaseAt;
        _transferVotingUnits(msg.sender, address(0), units);
        emit WithdrawalRequested(msg.sender, vouchee, shares, _value(_pools[vouchee], shares), releaseAt);
    }

    /// @notice Withdraws the caller's unbonded stake for `vouchee`, after its release time, at the pool's current
    ///         value (a slash during unbonding reduces it).
    /// @param vouchee the vouchee
    function withdraw(address vouchee) external whenNotPaused nonReentrant {
        Vouch storage v = _vouches[msg.sender][vouchee];
        uint128 shares = v.unbondingShares;
        if (shares == 0) {
            revert NothingUnbonding(msg.sender, vouchee);
        }
        if (block.timestamp < v.releaseAt) {
            revert StillUnbonding(v.releaseAt);
        }
        Pool storage p = _pools[vouchee];
        uint256 amount = _value(p, shares);
        p.stake -= uint128(amount);
        p.shares -= shares;
        v.unbondingShares = 0;
        v.releaseAt = 0;
        emit Withdrawn(msg.sender, vouchee, shares, amount);
        _send(msg.sender, amount);
    }

    /// @notice Lowers a voucher's voting power to what its vouch for `vouchee` is worth after a slash. Anyone may
    ///         call it.
    /// @param voucher the voucher
    /// @param vouchee the vouchee
    function sync(address voucher, address vouchee) external {
        Vouch storage v = _vouches[voucher][vouchee];
        uint256 worth = _value(_pools[vouchee], v.shares);
        uint256 burned;
        if (worth < v.votingUnits) {
            burned = v.votingUnits - worth;
            v.votingUnits = uint128(worth);
            _transferVotingUnits(voucher, address(0), burned);
        }
        emit VotingPowerSynced(voucher, vouchee, burned);
    }

    /// @notice Pays out what a slash owes the caller (beneficiary or treasury).
    function withdrawPayments() external whenNotPaused nonReentrant {
        uint256 amount = _owed[msg.sender];
        if (amount == 0) {
            revert NothingOwed(msg.sender);
        }
        _owed[msg.sender] = 0;
        emit PaymentWithdrawn(msg.sender, amount);
        _send(msg.sender, amount);
    }

    /// @notice Delegation is disabled: every staker votes with its own stake.
    function delegate(address) public pure override {
        revert DelegationDisabled();
    }

    /// @notice Delegation is disabled: every staker votes with its own stake.
    function delegateBySig(address, uint256, uint256, uint8, bytes32, bytes32) public pure override {
        revert DelegationDisabled();
    }

    /// @notice Every account is its own delegate.
    /// @param account the account
    function delegates(address account) public pure override returns (address) {
        return account;
    }

    // ---------------------------------------------------------------- governance

    /// @notice Slashes `bps` of everything staked behind `vouchee` (governance only); `compensation` of it is owed
    ///         to `beneficiary`, the rest to the treasury.
    /// @param vouchee the slashed address
    /// @param bps the proportion, 1 to MAX_SLASH_BPS basis points
    /// @param beneficiary who is compensated (the harmed buyer)
    /// @param compensation how much of the slashed amount goes to the beneficiary
    function slash(address vouchee, uint16 bps, address beneficiary, uint256 compensation) external onlyGovernance {
        if (bps == 0 || bps > MAX_SLASH_BPS) {
            revert SlashOutOfRange(bps);
        }
        Pool storage p = _pools[vouchee];
        uint256 amount = uint256(p.stake) * bps / 10_000;
        if (amount == 0) {
            revert NothingToSlash(vouchee);
        }
        if (compensation > amount) {
            revert CompensationTooHigh(compensation, amount);
        }
        if (compensation != 0 && beneficiary == address(0)) {
            revert ZeroAddress();
        }
        p.stake -= uint128(amount);
        if (compensation != 0) {
            _owed[beneficiary] += compensation;
        }
        if (amount != compensation) {
            _owed[_params.treasury] += amount - compensation;
        }
        emit Slashed(vouchee, bps, amount, beneficiary, compensation);
    }

    /// @notice Sets the treasury, minimum stake and unbonding period (governance only).
    /// @param newParams the new parameters
    function setParams(Params calldata newParams) external onlyGovernance {
        _setParams(newParams);
    }

    // ---------------------------------------------------------------- views

    /// @notice The current parameters.
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @notice The stake and shares behind `vouchee`.
    /// @param vouchee the vouchee
    function pool(address vouchee) external view returns (Pool memory) {
        return _pools[vouchee];
    }

    /// @notice A vouch and what its active and unbonding shares are worth now.
    /// @param voucher the voucher
    /// @param vouchee the vouchee
    function vouchOf(address voucher, address vouchee) external view
        returns (Vouch memory record, uint256 activeValue, uint256 unbondingValue) {
        record = _vouches[voucher][vouchee];
        Pool storage p = _pools[vouchee];
        return (record, _value(p, record.shares), _value(p, record.unbondingShares));
    }

    /// @notice What {withdrawPayments} would pay `account`.
    /// @param account the payee
    function owed(address account) external view returns (uint256) {
        return _owed[account];
    }

    // ---------------------------------------------------------------- internals

    function _getVotingUnits(address account) internal view override returns (uint256) {
        return getVotes(account);
    }

    function _value(Pool storage p, uint256 shares) private view returns (uint256) {
        return shares == 0 ? 0 : shares * p.stake / p.shares;
    }

    function _send(address to, uint256 amount) private {
        (bool ok,) = to.call{value: amount}("");
        if (!ok) {
            revert TransferFailed(to, amount);
        }
    }

    function _setParams(Params calldata p) private {
        if (p.treasury == address(0)) {
            revert ZeroAddress();
        }
        if (p.unbondingPeriod < MIN_UNBONDING || p.unbondingPeriod > MAX_UNBONDING) {
            revert UnbondingOutOfRange(p.unbondingPeriod);
        }
        _params = p;
        emit ParamsChanged(p.treasury, p.minStake, p.unbondingPeriod);
    }
}
