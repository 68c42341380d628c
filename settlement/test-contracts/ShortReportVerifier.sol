// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAttestationVerifier} from "IAttestationVerifier.sol";

/// @notice Test verifier that vouches for any quote but returns report data of the wrong length.
contract ShortReportVerifier is IAttestationVerifier {
    bytes32 public immutable workloadId;

    constructor(bytes32 workload) {
        workloadId = workload;
    }

    function verify(bytes calldata, bytes calldata) external view returns (bytes32, bytes memory) {
        return (workloadId, new bytes(40));
    }
}
