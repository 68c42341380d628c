// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {AttestorVerifier} from "gavel/AttestorVerifier.sol";
import {Cheats} from "./Cheats.sol";

/// @notice An attestor's statement registers only from its signing until its deadline, never more than a day
/// ahead: an old statement cannot be replayed after a TCB recovery.
contract AttestorVerifierTest is Cheats {
    uint256 internal constant ATTESTOR_KEY = 0xA77E57;
    bytes internal constant QUOTE = "a TDX quote the attestor verified";
    bytes32 internal constant WORKLOAD = keccak256("op-rbuilder v1");

    AttestorVerifier internal verifier;

    function setUp() public {
        verifier = new AttestorVerifier(address(this));
        verifier.setAttestor(vm.addr(ATTESTOR_KEY), true);
    }

    function testFuzz_aStatementIsGoodFromNowUntilItsDeadlineAndNoLonger(uint64 now_, uint256 deadline) public {
        vm.warp(now_);
        uint256 lifetime = verifier.MAX_STATEMENT_LIFETIME();
        // half of the runs near the window's edges, where an off-by-one would hide
        if (deadline % 2 == 0) deadline = bound(deadline, now_ > 2 ? now_ - 2 : 0, uint256(now_) + lifetime + 2);
        bytes memory proof = proofUntil(deadline);
        bool valid = deadline >= now_ && deadline - now_ <= lifetime;

        try verifier.verify(QUOTE, proof) returns (bytes32 workloadId, bytes memory reportData) {
            vm.assertTrue(valid, "accepted outside its window");
            vm.assertEq(uint256(workloadId), uint256(WORKLOAD), "the workload attested");
            vm.assertEq(reportData.length, 64, "the report data attested");
        } catch (bytes memory reason) {
            vm.assertFalse(valid, "refused within its window");
            bytes4 expected = deadline < now_
                ? AttestorVerifier.StatementExpired.selector
                : AttestorVerifier.StatementLifetimeTooLong.selector;
            vm.assertEq(uint256(uint32(bytes4(reason))), uint256(uint32(expected)), "refused by name");
        }
    }

    function test_aStatementSignedForOneDeadlineDoesNotHoldForAnother() public {
        vm.warp(1_000_000);
        bytes memory proof = proofUntil(1_000_100);
        (bytes32 workloadId, bytes memory reportData,, bytes memory signature) =
            abi.decode(proof, (bytes32, bytes, uint256, bytes));
        bytes memory extended = abi.encode(workloadId, reportData, uint256(1_000_200), signature);

        try verifier.verify(QUOTE, extended) {
            vm.assertTrue(false, "a deadline the attestor did not sign was accepted");
        } catch (bytes memory reason) {
            vm.assertEq(
                uint256(uint32(bytes4(reason))),
                uint256(uint32(AttestorVerifier.NotAnAttestor.selector)),
                "the signature recovers someone else"
            );
        }
    }

    function proofUntil(uint256 deadline) internal view returns (bytes memory) {
        bytes memory reportData = abi.encodePacked(address(0xB1), keccak256("registration"), bytes12(0));
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(ATTESTOR_KEY, verifier.attestationDigest(keccak256(QUOTE), WORKLOAD, reportData, deadline));
        return abi.encode(WORKLOAD, reportData, deadline, abi.encodePacked(r, s, v));
    }
}
