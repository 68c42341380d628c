package dev.gavel.core.admission;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;

/**
 * A won block that did not become canonical: the builder who won it, its round and height, the winner's block
 * hash and the block the safe chain holds there instead.
 */
public record Strike(
        long roundId, Address builder, BlockNumber blockNumber, Hash32 wonBlockHash, Hash32 canonicalBlockHash) {}
