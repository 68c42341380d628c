// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IBlockHashSource} from "./IBlockHashSource.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// @title Canonical hashes of another chain, vouched for by its sequencer's key (set by governance):
/// the proof is abi.encode(blockHash, signature) over CanonicalBlock(chainId, blockNumber, blockHash).
contract SignedBlockHashSource is IBlockHashSource, EIP712, Ownable2Step {
    bytes32 public constant CANONICAL_BLOCK_TYPEHASH =
        keccak256("CanonicalBlock(uint256 chainId,uint64 blockNumber,bytes32 blockHash)");

    uint256 public immutable auctionedChainId;
    address public sequencer;

    event SequencerSet(address indexed sequencer);

    constructor(address initialOwner, uint256 chainId, address initialSequencer) EIP712("GavelCanonicalBlock", "1") Ownable(initialOwner) {
        auctionedChainId = chainId;
        sequencer = initialSequencer;
        emit SequencerSet(initialSequencer);
    }

    function setSequencer(address newSequencer) external onlyOwner {
        sequencer = newSequencer;
        emit SequencerSet(newSequencer);
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
