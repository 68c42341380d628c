package dev.gavel.settlement.batch;

import dev.gavel.db.settlement.PayableOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * When payable outcomes are worth a transaction: once {@code targetItems} wait, once the oldest has waited
 * {@code maxAge}, or once the oldest is within {@code windowMarginBlocks} of leaving the block-hash window.
 * A batch holds at most {@code maxItems}.
 */
public record BatchRules(int targetItems, int maxItems, Duration maxAge, long windowMarginBlocks) {
    public BatchRules {
        if (targetItems < 1 || maxItems < targetItems) {
            throw new IllegalArgumentException(
                    "need 1 ≤ target items (" + targetItems + ") ≤ max items (" + maxItems + ")");
        }
        if (maxAge.isNegative() || windowMarginBlocks < 0) {
            throw new IllegalArgumentException("max age and window margin must not be negative");
        }
    }

    /** Whether to send {@code payable} (oldest first) now; {@code blocksLeft} is the oldest's room in the window. */
    public boolean due(List<PayableOutcome> payable, Instant now, OptionalLong blocksLeft) {
        if (payable.isEmpty()) {
            return false;
        }
        Instant oldest = payable.stream()
                .map(PayableOutcome::payableSince)
                .min(Instant::compareTo)
                .orElseThrow();
        return payable.size() >= targetItems
                || !oldest.plus(maxAge).isAfter(now)
                || (blocksLeft.isPresent() && blocksLeft.getAsLong() <= windowMarginBlocks);
    }
}
