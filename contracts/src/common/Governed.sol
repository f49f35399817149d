// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title Governed
/// @notice Base of every Enclave contract behind a UUPS proxy. One address, `governance` (the TimelockController that
///         executes Governor proposals), may upgrade, unpause, change parameters and replace the guardian. The
///         `guardian` may only pause: it can neither unpause nor move funds.
/// @dev Storage lives in an ERC-7201 namespace so that upgrades cannot collide with the derived contracts' layout.
abstract contract Governed is Initializable, UUPSUpgradeable, PausableUpgradeable, ReentrancyGuard {
    /// @custom:storage-location erc7201:enclave.storage.Governed
    struct GovernedStorage {
        address governance;
        address guardian;
    }

    // keccak256(abi.encode(uint256(keccak256("enclave.storage.Governed")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant GOVERNED_STORAGE = 0x809fd5514b34977e527cfc90ce89fcb933562e5a7b27aa23891ebe795017a500;

    /// @notice Thrown when a function reserved to governance (the timelock) is called by `caller`.
    error NotGovernance(address caller);
    /// @notice Thrown when pausing is attempted by `caller`, which is neither the guardian nor governance.
    error NotGuardian(address caller);
    /// @notice Thrown when an address that must be set is zero.
    error ZeroAddress();

    /// @notice The governance address (timelock) changed.
    event GovernanceChanged(address indexed previous, address indexed current);
    /// @notice The guardian changed (zero means no guardian).
    event GuardianChanged(address indexed previous, address indexed current);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    modifier onlyGovernance() {
        if (msg.sender != _governedStorage().governance) {
            revert NotGovernance(msg.sender);
        }
        _;
    }

    // solhint-disable-next-line func-name-mixedcase
    function __Governed_init(address governance_, address guardian_) internal onlyInitializing {
        if (governance_ == address(0)) {
            revert ZeroAddress();
        }
        __Pausable_init();
        GovernedStorage storage $ = _governedStorage();
        $.governance = governance_;
        $.guardian = guardian_;
        emit GovernanceChanged(address(0), governance_);
        emit GuardianChanged(address(0), guardian_);
    }

    /// @notice The address allowed to upgrade, unpause and change parameters (the timelock).
    function governance() public view returns (address) {
        return _governedStorage().governance;
    }

    /// @notice The address allowed to pause (and only to pause).
    function guardian() public view returns (address) {
        return _governedStorage().guardian;
    }

    /// @notice Stops every user-facing state change. Callable by the guardian or governance.
    function pause() external {
        GovernedStorage storage $ = _governedStorage();
        if (msg.sender != $.guardian && msg.sender != $.governance) {
            revert NotGuardian(msg.sender);
        }
        _pause();
    }

    /// @notice Resumes operation. Only governance can unpause, never the guardian.
    function unpause() external onlyGovernance {
        _unpause();
    }

    /// @notice Replaces the guardian; zero removes it.
    /// @param newGuardian the new guardian address
    function setGuardian(address newGuardian) external onlyGovernance {
        GovernedStorage storage $ = _governedStorage();
        emit GuardianChanged($.guardian, newGuardian);
        $.guardian = newGuardian;
    }

    /// @notice Hands governance over to a new timelock (a governance migration).
    /// @param newGovernance the new governance address, not zero
    function setGovernance(address newGovernance) external onlyGovernance {
        if (newGovernance == address(0)) {
            revert ZeroAddress();
        }
        GovernedStorage storage $ = _governedStorage();
        emit GovernanceChanged($.governance, newGovernance);
        $.governance = newGovernance;
    }

    /// @dev Only governance authorizes upgrades.
    function _authorizeUpgrade(address) internal view override onlyGovernance {
    }

    function _governedStorage() private pure returns (GovernedStorage storage $) {
        assembly {
            $.slot := GOVERNED_STORAGE
        }
    }
}
