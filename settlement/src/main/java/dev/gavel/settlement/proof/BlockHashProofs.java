package dev.gavel.settlement.proof;

import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import java.util.OptionalLong;

/**
 * How the settlement contract learns that a block hash is canonical, matching its configured block-hash
 * source: a proof to send with each settled item, and how long the contract can still check a block.
 */
public sealed interface BlockHashProofs permits SameChainProofs, SequencerSignedProofs {
    Bytes proof(BlockNumber blockNumber, Hash32 blockHash);

    /** How many blocks back from the settlement chain's next block the contract can check a hash; empty when unlimited. */
    OptionalLong windowBlocks();
}
