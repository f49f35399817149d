// SPDX-License-Identifier: MIT
// A test-only contract for the wallet's decoder tests: custom errors with arguments, Error(string), Panic,
// and a per-account balance the wallet's balance view should find.
pragma solidity ^0.8.20;

contract TestShop {
    error PriceTooLow(uint256 offered, uint256 required);
    error Expired(uint64 deadline, address buyer);
    error ShopClosed(address owner);

    uint256 public constant PRICE = 1 ether;
    address public closedBy;
    mapping(address => uint256) public withdrawable;

    event Bought(address indexed buyer, address indexed seller, uint256 amount, uint64 deadline);

    function buy(address seller, uint64 deadline) external payable {
        if (closedBy != address(0)) {
            revert ShopClosed(closedBy);
        }
        if (msg.value < PRICE) {
            revert PriceTooLow(msg.value, PRICE);
        }
        if (block.timestamp > deadline) {
            revert Expired(deadline, msg.sender);
        }
        withdrawable[seller] += msg.value;
        emit Bought(msg.sender, seller, msg.value, deadline);
    }

    function close() external {
        closedBy = msg.sender;
    }

    function fail(string calldata why) external pure {
        revert(why);
    }

    function divide(uint256 a, uint256 b) external pure returns (uint256) {
        return a / b;
    }
}
