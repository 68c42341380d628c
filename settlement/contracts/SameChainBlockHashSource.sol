// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IBlockHashSource} from "./IBlockHashSource.sol";

/// @title Canonical hashes of this very chain: blockhash for the last 256 blocks, then the EIP-2935
/// history contract (8191 blocks on chains that have it). The production source when the contracts live
/// on the auctioned L2 itself.
contract SameChainBlockHashSource is IBlockHashSource {
    address public constant HISTORY_STORAGE = 0x0000F90827F1C53a10cb7A02335B175320002935;

    function canonicalHash(uint64 blockNumber, bytes calldata) external view returns (bytes32) {
        if (blockNumber >= block.number) {
            return bytes32(0);
        }
        if (block.number - blockNumber <= 256) {
            return blockhash(blockNumber);
        }
        (bool ok, bytes memory hash) = HISTORY_STORAGE.staticcall(abi.encode(uint256(blockNumber)));
        return ok && hash.length == 32 ? abi.decode(hash, (bytes32)) : bytes32(0);
    }
}
