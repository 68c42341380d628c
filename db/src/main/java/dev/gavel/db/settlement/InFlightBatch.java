package dev.gavel.db.settlement;

import dev.gavel.primitives.BlockNumber;
import java.time.Instant;
import java.util.List;

/** A batch sent but not yet ended: its nonce, every transaction signed for it (oldest first) and its outcomes. */
public record InFlightBatch(long batchId, long nonce, List<BatchAttempt> attempts, List<Item> items) {
    public InFlightBatch {
        attempts = List.copyOf(attempts);
        items = List.copyOf(items);
    }

    public BatchAttempt latestAttempt() {
        return attempts.getLast();
    }

    /** An outcome in the batch: its round, the block it pays for and when its round closed. */
    public record Item(long roundId, BlockNumber blockNumber, Instant closedAt) {}
}
