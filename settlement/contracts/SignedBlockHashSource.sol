// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IBlockHashSource} from "./IBlockHashSource.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title Canonical hashes of another chain, vouched for by its sequencer's key:
/// the proof is abi.encode(blockHash, signature) over CanonicalBlock(chainId, blockNumber, blockHash).
/// @notice The sequencer is fixed for the life of the source: a new key is a new source, which
/// AuctionSettlement only takes up after its delay (scheduleBlockHashSource), so no key swap can reach back.
contract SignedBlockHashSource is IBlockHashSource, EIP712 {
    bytes32 public constant CANONICAL_BLOCK_TYPEHASH =
        keccak256("CanonicalBlock(uint256 chainId,uint64 blockNumber,bytes32 blockHash)");

    uint256 public immutable auctionedChainId;
    address public immutable sequencer;

    event SequencerSet(address indexed sequencer);

    constructor(uint256 chainId, address sequencerAddress) EIP712("GavelCanonicalBlock", "1") {
        auctionedChainId = chainId;
        sequencer = sequencerAddress;
        emit SequencerSet(sequencerAddress);
    }

    function canonicalBlockDigest(uint64 blockNumber, bytes32 blockHash) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(CANONICAL_BLOCK_TYPEHASH, auctionedChainId, blockNumber, blockHash)));
    }

    function canonicalHash(uint64 blockNumber, bytes calldata proof) external view returns (bytes32) {
        if (proof.length == 0) {
            return bytes32(0);
        }
        (bytes32 blockHash, bytes memory signature) = abi.decode(proof, (bytes32, bytes));
        (address signer, ECDSA.RecoverError error,) = ECDSA.tryRecover(canonicalBlockDigest(blockNumber, blockHash), signature);
        return error == ECDSA.RecoverError.NoError && signer != address(0) && signer == sequencer ? blockHash : bytes32(0);
    }
}
