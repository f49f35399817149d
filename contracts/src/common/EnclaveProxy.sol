// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

/// @title EnclaveProxy
/// @notice The ERC-1967 proxy in front of each UUPS contract (the implementation decides who upgrades: governance).
contract EnclaveProxy is ERC1967Proxy {
    /// @param implementation the first implementation
    /// @param data the initializer call
    constructor(address implementation, bytes memory data) payable ERC1967Proxy(implementation, data) {}
}
