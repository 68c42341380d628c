// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {BuilderHub} from "BuilderHub.sol";

/// @notice Test relayer that registers a builder through a contract call: the quote is then not in the
/// transaction's own calldata, only in the internal call's.
contract RegistrationForwarder {
    function forward(
        BuilderHub hub,
        bytes calldata quote,
        bytes calldata registrationData,
        bytes calldata proof,
        uint256 deadline,
        bytes calldata signature
    ) external {
        hub.registerWithPermit(quote, registrationData, proof, deadline, signature);
    }
}
