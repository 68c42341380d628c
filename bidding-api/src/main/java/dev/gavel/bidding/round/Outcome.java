package dev.gavel.bidding.round;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Wei;
import java.time.Instant;

/**
 * The result of a closed round, as published on the winners websocket. Without a valid bid,
 * {@code winner}, the values and {@code blockHash} are null and the sequencer builds the block itself.
 */
public record Outcome(
        long roundId,
        BlockNumber blockNumber,
        Hash32 parentHash,
        PayloadId payloadId,
        AuctionFormat format,
        Address winner,
        Wei bidValue,
        Wei price,
        Wei runnerUpValue,
        int bidCount,
        Hash32 blockHash,
        Instant closedAt) {

    public boolean hasWinner() {
        return winner != null;
    }
}
