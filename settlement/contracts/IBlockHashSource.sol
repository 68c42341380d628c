// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice Where AuctionSettlement learns the canonical hash of an auctioned block: zero when it cannot tell.
interface IBlockHashSource {
    function canonicalHash(uint64 blockNumber, bytes calldata proof) external view returns (bytes32);
}
