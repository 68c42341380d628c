// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice Test stand-in for Automata's DCAP contract: answers what the test told it to.
contract MockAutomataDcap {
    bool public success;
    bytes public output;

    function setAnswer(bool answerSuccess, bytes calldata answerOutput) external {
        success = answerSuccess;
        output = answerOutput;
    }

    function verifyAndAttestOnChain(bytes calldata) external payable returns (bool, bytes memory) {
        return (success, output);
    }
}
