// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAttestationVerifier} from "./IAttestationVerifier.sol";
import {Bytes} from "@openzeppelin/contracts/utils/Bytes.sol";

/// @notice Automata's onchain DCAP verifier (automata-dcap-attestation), as deployed on many chains.
interface IAutomataDcapAttestation {
    function verifyAndAttestOnChain(bytes calldata rawQuote) external payable returns (bool success, bytes memory output);
}

/// @title Verifies quotes with Automata's DCAP contract and reads the TD report from its output.
/// @notice Output layout (v1.0): u16 version ‖ bytes4 tee ‖ u8 tcbStatus ‖ bytes6 fmspc ‖ TD report body, so the
/// body starts at byte 13. Unlike a bare Automata check, the TCB status must be OK (0) or SW hardening needed (1).
contract AutomataDcapAdapter is IAttestationVerifier {
    uint256 private constant BODY = 13;
    uint256 private constant BODY_LENGTH = 584;
    uint256 private constant STATUS = 6;

    IAutomataDcapAttestation public immutable automata;

    error AttestationFailed(bytes output);
    error OutputTooShort(uint256 length);
    error TcbStatusNotAccepted(uint8 status);

    constructor(IAutomataDcapAttestation automataDcap) {
        automata = automataDcap;
    }

    function verify(bytes calldata quote, bytes calldata) external returns (bytes32 workloadId, bytes memory reportData) {
        (bool success, bytes memory output) = automata.verifyAndAttestOnChain(quote);
        if (!success) revert AttestationFailed(output);
        if (output.length < BODY + BODY_LENGTH) revert OutputTooShort(output.length);
        uint8 status = uint8(output[STATUS]);
        if (status > 1) revert TcbStatusNotAccepted(status);
        // flashtestations' workload id: MRTD ‖ RTMR0..3 ‖ MRCONFIGID ‖ XFAM ‖ TDATTRIBUTES, raw
        workloadId = keccak256(
            bytes.concat(
                Bytes.slice(output, BODY + 136, BODY + 136 + 48),
                Bytes.slice(output, BODY + 328, BODY + 328 + 192),
                Bytes.slice(output, BODY + 184, BODY + 184 + 48),
                Bytes.slice(output, BODY + 128, BODY + 128 + 8),
                Bytes.slice(output, BODY + 120, BODY + 120 + 8)
            )
        );
        reportData = Bytes.slice(output, BODY + 520, BODY + 520 + 64);
    }
}
