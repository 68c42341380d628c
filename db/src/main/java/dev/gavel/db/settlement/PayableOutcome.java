package dev.gavel.db.settlement;

import dev.gavel.primitives.BlockNumber;
import java.time.Instant;

/**
 * A won block that became canonical and is not yet settled: the winning bid, and for second price the
 * runner-up's bid (null when the winner was alone, so the reserve sets the price).
 */
public record PayableOutcome(
        long roundId,
        BlockNumber blockNumber,
        String format,
        StoredBid winner,
        StoredBid runnerUp,
        Instant closedAt,
        Instant payableSince) {}
