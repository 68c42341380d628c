// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice Verifies a TDX quote for the BuilderHub and returns what it attests: the workload id
/// (flashtestations' definition) and the 64 bytes of REPORTDATA. Reverts when the quote does not verify.
interface IAttestationVerifier {
    function verify(bytes calldata quote, bytes calldata proof) external returns (bytes32 workloadId, bytes memory reportData);
}
