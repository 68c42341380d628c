package dev.gavel.core.chain;

import dev.gavel.bidding.round.Outcome;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;

/** A block a builder won and the sequencer asked for: what its inclusion is decided on, and who owes its price. */
public record WonBlock(long roundId, BlockNumber number, Hash32 blockHash, Address winner, Wei price) {
    /** The won block of an outcome that has a winner. */
    public static WonBlock of(Outcome outcome) {
        return new WonBlock(
                outcome.roundId(), outcome.blockNumber(), outcome.blockHash(), outcome.winner(), outcome.price());
    }
}
