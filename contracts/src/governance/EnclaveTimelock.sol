// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title EnclaveTimelock
/// @notice The TimelockController that owns every Enclave contract: it alone upgrades, unpauses and changes
///         parameters, executing what the EnclaveGovernor passed after `minDelay`.
contract EnclaveTimelock is TimelockController {
    /// @param minDelay seconds between queueing and execution
    /// @param proposers who may schedule (the governor)
    /// @param executors who may execute (address(0) = anyone)
    /// @param admin an optional admin for the initial wiring, to be renounced (zero = none)
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {}
}
