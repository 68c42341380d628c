// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAttestationVerifier} from "./IAttestationVerifier.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// @title Accepts quotes verified offchain by governance-approved attestors.
/// @notice An attestor (which runs the full DCAP verification, as Gavel's Java verifier does) signs
/// the EIP-712 statement Attestation(quoteHash, workloadId, reportDataHash, deadline); the proof is
/// abi.encode(workloadId, reportData, deadline, signature). A statement is good until its deadline (a
/// timestamp of this chain), which may be at most MAX_STATEMENT_LIFETIME ahead: the attestor vouched for
/// the quote under the collateral of its day, and after a TCB recovery an old statement must not register
/// a platform that Intel's new collateral no longer accepts.
contract AttestorVerifier is IAttestationVerifier, EIP712, Ownable2Step {
    bytes32 public constant ATTESTATION_TYPEHASH =
        keccak256("Attestation(bytes32 quoteHash,bytes32 workloadId,bytes32 reportDataHash,uint256 deadline)");
    /// @notice The longest a statement may be used for, counted from its use: Intel refreshes collateral daily,
    /// so a statement older than a day may rest on collateral that a TCB recovery has since replaced.
    uint256 public constant MAX_STATEMENT_LIFETIME = 1 days;

    mapping(address attestor => bool) public isAttestor;

    event AttestorSet(address indexed attestor, bool approved);

    error NotAnAttestor(address signer);
    error BadReportDataLength(uint256 length);
    error StatementExpired(uint256 deadline, uint256 timestamp);
    error StatementLifetimeTooLong(uint256 deadline, uint256 latest);

    constructor(address initialOwner) EIP712("GavelAttestor", "1") Ownable(initialOwner) {}

    function setAttestor(address attestor, bool approved) external onlyOwner {
        isAttestor[attestor] = approved;
        emit AttestorSet(attestor, approved);
    }

    function attestationDigest(bytes32 quoteHash, bytes32 workloadId, bytes memory reportData, uint256 deadline)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(
            keccak256(abi.encode(ATTESTATION_TYPEHASH, quoteHash, workloadId, keccak256(reportData), deadline))
        );
    }

    function verify(bytes calldata quote, bytes calldata proof) external view returns (bytes32 workloadId, bytes memory reportData) {
        uint256 deadline;
        bytes memory signature;
        (workloadId, reportData, deadline, signature) = abi.decode(proof, (bytes32, bytes, uint256, bytes));
        if (block.timestamp > deadline) revert StatementExpired(deadline, block.timestamp);
        if (deadline - block.timestamp > MAX_STATEMENT_LIFETIME) {
            revert StatementLifetimeTooLong(deadline, block.timestamp + MAX_STATEMENT_LIFETIME);
        }
        if (reportData.length != 64) revert BadReportDataLength(reportData.length);
        address signer = ECDSA.recover(attestationDigest(keccak256(quote), workloadId, reportData, deadline), signature);
        if (!isAttestor[signer]) revert NotAnAttestor(signer);
    }
}
