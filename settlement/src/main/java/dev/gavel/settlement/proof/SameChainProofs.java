package dev.gavel.settlement.proof;

import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import java.util.OptionalLong;

/**
 * The contracts live on the auctioned chain itself: the contract reads {@code blockhash} (256 blocks) or the
 * EIP-2935 history (8191 blocks where the chain has it), so items carry no proof but must land in that window.
 */
public record SameChainProofs(long window) implements BlockHashProofs {
    public static final long BLOCKHASH_WINDOW = 256;
    public static final long HISTORY_CONTRACT_WINDOW = 8191;

    public SameChainProofs {
        if (window != BLOCKHASH_WINDOW && window != HISTORY_CONTRACT_WINDOW) {
            throw new IllegalArgumentException(
                    "the block-hash window is 256 (blockhash) or 8191 (EIP-2935), not " + window);
        }
    }

    @Override
    public Bytes proof(BlockNumber blockNumber, Hash32 blockHash) {
        return Bytes.EMPTY;
    }

    @Override
    public OptionalLong windowBlocks() {
        return OptionalLong.of(window);
    }
}
