// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Fixture} from "./utils/Fixture.sol";
import {CredentialRegistry} from "../src/registry/CredentialRegistry.sol";

/// @dev One budgeted operation per test on prepared state, for the committed gas snapshot (contracts/.gas-snapshot,
///      checked by the build with 5% tolerance). Full transaction gas (21,000 base and calldata included) is measured
///      on anvil by io.enclave.chain.bench.GasBench; see docs/BENCHMARKS.md.
contract GasTest is Fixture {
    bytes32 internal constant H = keccak256("gas");
    uint256 internal listingId;
    uint256 internal purchaseId;

    function setUp() public {
        deployFixture();
        // a delivered purchase already credited the seller, the treasury and the issuer (second delivery case)
        uint256 first = buy(listAs(seller, keccak256("first"), 1 ether), 1 ether);
        vm.prank(seller);
        market.deliverKey(first, new bytes(145));
        listingId = listAs(seller, H, 1 ether);
        purchaseId = buy(listAs(seller, keccak256("second"), 1 ether), 1 ether);
        anchorAs(seller, keccak256("new"));
        vm.deal(address(0xF1), 10 ether);
        vm.deal(address(0xF2), 10 ether);
        vm.prank(address(0xF2));
        staking.vouch{value: 1 ether}(seller);
        vm.roll(block.number + 1);
    }

    function test_gas_anchor() public {
        vm.prank(address(0xCAFE));
        registry.anchor(keccak256("one"), ISSUER, "schema", keccak256("digest"), keccak256("arweave"));
    }

    function test_gas_anchorBatch20() public {
        CredentialRegistry.AnchorRequest[] memory batch20 = new CredentialRegistry.AnchorRequest[](20);
        for (uint256 i; i < 20; ++i) {
            bytes32 h = bytes32(0xbb00 + i);
            batch20[i] = CredentialRegistry.AnchorRequest(h, ISSUER, "schema", h, bytes32(i + 1));
        }
        vm.prank(address(0xCAFE));
        registry.anchorBatch(batch20);
    }

    function test_gas_createListing() public {
        vm.prank(seller);
        market.createListing(keccak256("new"), 1 ether, "meta", "commit");
    }

    function test_gas_purchase() public {
        buy(listingId, 1 ether);
    }

    function test_gas_deliverKey_second() public {
        vm.prank(seller);
        market.deliverKey(purchaseId, new bytes(145));
    }

    function test_gas_vouch_firstByVoucher() public {
        vm.prank(address(0xF1));
        staking.vouch{value: 1 ether}(seller);
    }
}
