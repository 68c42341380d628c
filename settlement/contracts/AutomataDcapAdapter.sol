// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAttestationVerifier} from "./IAttestationVerifier.sol";
import {Bytes} from "@openzeppelin/contracts/utils/Bytes.sol";

/// @notice Automata's onchain DCAP verifier (automata-dcap-attestation), as deployed on many chains.
interface IAutomataDcapAttestation {
    function verifyAndAttestOnChain(bytes calldata rawQuote) external payable returns (bool success, bytes memory output);
}

/// @title Verifies quotes with Automata's DCAP contract and reads the TD report from its output.
/// @notice verifyAndAttestOnChain has answered in two layouts (all integers big-endian), told apart by bytes 2..3:
///  - v1.0 (types/CommonStruct.sol `Output{quoteVersion, tee, ...}`): u16 quoteVersion ‖ bytes4 tee (0x00000081
///    for TDX) ‖ u8 tcbStatus ‖ bytes6 fmspc ‖ TD report ‖ advisories: the report at byte 13, bytes 2..3 zero;
///  - later releases (`Output{quoteVersion, quoteBodyType, ...}`): u16 quoteVersion ‖ u16 quoteBodyType (2: TD 1.0
///    report of 584 bytes, 3: TD 1.5 report of 648 bytes) ‖ u8 tcbStatus ‖ bytes6 fmspc ‖ TD report ‖ advisories:
///    the report at byte 11.
/// The quote version must be 4 (TD 1.0 reports only) or 5. Any other output (an SGX body, another version or a
/// layout not listed here) is refused with UnknownOutputVersion rather than read at a guessed offset. Automata's
/// OutputV2 (format 2.1) comes only from verifyAndAttestOnChainV2 and carries no report: it is not read here.
/// Unlike a bare Automata check, the TCB status must be OK (0) or SW hardening needed (1).
contract AutomataDcapAdapter is IAttestationVerifier {
    uint256 private constant TD10_LENGTH = 584;
    uint256 private constant TD15_LENGTH = 648;
    uint256 private constant HEAD = 11;

    IAutomataDcapAttestation public immutable automata;

    error AttestationFailed(bytes output);
    error OutputTooShort(uint256 length);
    error UnknownOutputVersion(uint16 quoteVersion, bytes4 typeField);
    error TcbStatusNotAccepted(uint8 status);

    constructor(IAutomataDcapAttestation automataDcap) {
        automata = automataDcap;
    }

    function verify(bytes calldata quote, bytes calldata) external returns (bytes32 workloadId, bytes memory reportData) {
        (bool success, bytes memory output) = automata.verifyAndAttestOnChain(quote);
        if (!success) revert AttestationFailed(output);
        (uint256 body, uint256 status) = layout(output);
        if (uint8(output[status]) > 1) revert TcbStatusNotAccepted(uint8(output[status]));
        // flashtestations' workload id: MRTD ‖ RTMR0..3 ‖ MRCONFIGID ‖ XFAM ‖ TDATTRIBUTES, raw
        workloadId = keccak256(
            bytes.concat(
                Bytes.slice(output, body + 136, body + 136 + 48),
                Bytes.slice(output, body + 328, body + 328 + 192),
                Bytes.slice(output, body + 184, body + 184 + 48),
                Bytes.slice(output, body + 128, body + 128 + 8),
                Bytes.slice(output, body + 120, body + 120 + 8)
            )
        );
        reportData = Bytes.slice(output, body + 520, body + 520 + 64);
    }

    /// @notice Where the TD report and the TCB status are in `output`, by its layout; reverts on any other.
    function layout(bytes memory output) public pure returns (uint256 body, uint256 status) {
        if (output.length < HEAD) revert OutputTooShort(output.length);
        uint16 quoteVersion = uint16(bytes2(Bytes.slice(output, 0, 2)));
        bytes4 typeField = bytes4(Bytes.slice(output, 2, 6));
        uint256 length;
        if (typeField == 0x00000081) {
            (body, status, length) = (13, 6, TD10_LENGTH);
        } else if (bytes2(typeField) == 0x0002) {
            (body, status, length) = (HEAD, 4, TD10_LENGTH);
        } else if (bytes2(typeField) == 0x0003 && quoteVersion == 5) {
            (body, status, length) = (HEAD, 4, TD15_LENGTH);
        } else {
            revert UnknownOutputVersion(quoteVersion, typeField);
        }
        if (quoteVersion != 4 && quoteVersion != 5) revert UnknownOutputVersion(quoteVersion, typeField);
        if (output.length < body + length) revert OutputTooShort(output.length);
    }
}
