package dev.gavel.db.settlement;

import dev.gavel.primitives.BlockNumber;
import java.time.Instant;
import java.util.Optional;

/**
 * Outcomes owed but not yet settled: payable ones waiting for a batch and those in a batch in flight, with
 * the lowest block among them and the earliest close of their rounds.
 */
public record Backlog(int payable, int submitted, Optional<BlockNumber> oldestBlock, Optional<Instant> oldestClosedAt) {
    public int total() {
        return payable + submitted;
    }
}
