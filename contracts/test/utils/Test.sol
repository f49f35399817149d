// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @dev The forge cheatcodes these tests use (forge-std is not available offline; the signatures are forge's).
interface Vm {
    struct Wallet {
        address addr;
        uint256 publicKeyX;
        uint256 publicKeyY;
        uint256 privateKey;
    }

    function warp(uint256 timestamp) external;
    function roll(uint256 blockNumber) external;
    function deal(address account, uint256 balance) external;
    function prank(address sender) external;
    function startPrank(address sender) external;
    function stopPrank() external;
    function expectRevert(bytes calldata revertData) external;
    function expectRevert(bytes4 revertSelector) external;
    function expectRevert() external;
    function expectEmit() external;
    function assume(bool condition) external pure;
    function addr(uint256 privateKey) external pure returns (address);
    function createWallet(uint256 privateKey) external returns (Wallet memory);
    function load(address target, bytes32 slot) external view returns (bytes32);
}

/// @dev Minimal test base: cheatcodes, assertions that revert with the values, bound().
abstract contract Test {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    error AssertionFailed(uint256 actual, uint256 expected);
    error AssertionFailedAddress(address actual, address expected);
    error AssertionFailedBytes32(bytes32 actual, bytes32 expected);
    error AssertionFailedBool(string what);

    /// @dev forge marks tests with `IS_TEST`.
    bool public IS_TEST = true;

    function assertEq(uint256 actual, uint256 expected) internal pure {
        if (actual != expected) {
            revert AssertionFailed(actual, expected);
        }
    }

    function assertEq(address actual, address expected) internal pure {
        if (actual != expected) {
            revert AssertionFailedAddress(actual, expected);
        }
    }

    function assertEq(bytes32 actual, bytes32 expected) internal pure {
        if (actual != expected) {
            revert AssertionFailedBytes32(actual, expected);
        }
    }

    function assertTrue(bool condition, string memory what) internal pure {
        if (!condition) {
            revert AssertionFailedBool(what);
        }
    }

    function assertLe(uint256 a, uint256 b) internal pure {
        if (a > b) {
            revert AssertionFailed(a, b);
        }
    }

    function bound(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256) {
        require(lo <= hi, "bound");
        if (hi == type(uint256).max && lo == 0) {
            return x;
        }
        return lo + x % (hi - lo + 1);
    }

    /// @dev The uncompressed public key (x||y) of a private key, as Marketplace.purchase takes it.
    function publicKeyOf(uint256 privateKey) internal returns (address who, bytes memory key) {
        Vm.Wallet memory w = vm.createWallet(privateKey);
        return (w.addr, abi.encodePacked(w.publicKeyX, w.publicKeyY));
    }
}
