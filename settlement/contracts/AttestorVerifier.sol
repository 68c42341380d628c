// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAttestationVerifier} from "./IAttestationVerifier.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// @title Accepts quotes verified offchain by governance-approved attestors.
/// @notice An attestor (which runs the full DCAP verification, as Gavel's Java verifier does) signs
/// the EIP-712 statement Attestation(quoteHash, workloadId, reportDataHash); the proof is
/// abi.encode(workloadId, reportData, signature).
contract AttestorVerifier is IAttestationVerifier, EIP712, Ownable2Step {
    bytes32 public constant ATTESTATION_TYPEHASH =
        keccak256("Attestation(bytes32 quoteHash,bytes32 workloadId,bytes32 reportDataHash)");

    mapping(address attestor => bool) public isAttestor;

    event AttestorSet(address indexed attestor, bool approved);

    error NotAnAttestor(address signer);
    error BadReportDataLength(uint256 length);

    constructor(address initialOwner) EIP712("GavelAttestor", "1") Ownable(initialOwner) {}

    function setAttestor(address attestor, bool approved) external onlyOwner {
        isAttestor[attestor] = approved;
        emit AttestorSet(attestor, approved);
    }

    function attestationDigest(bytes32 quoteHash, bytes32 workloadId, bytes memory reportData) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(ATTESTATION_TYPEHASH, quoteHash, workloadId, keccak256(reportData))));
    }

    function verify(bytes calldata quote, bytes calldata proof) external view returns (bytes32 workloadId, bytes memory reportData) {
        bytes memory signature;
        (workloadId, reportData, signature) = abi.decode(proof, (bytes32, bytes, bytes));
        if (reportData.length != 64) revert BadReportDataLength(reportData.length);
        address signer = ECDSA.recover(attestationDigest(keccak256(quote), workloadId, reportData), signature);
        if (!isAttestor[signer]) revert NotAnAttestor(signer);
    }
}
