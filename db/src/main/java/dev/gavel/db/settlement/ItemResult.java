package dev.gavel.db.settlement;

import dev.gavel.primitives.Wei;

/** What the contract did with one outcome: settled (price, and what escrow covered) or skipped with its reason. */
public record ItemResult(long roundId, boolean settled, String skipReason, Wei price, Wei charged) {
    public static ItemResult settled(long roundId, Wei price, Wei charged) {
        return new ItemResult(roundId, true, null, price, charged);
    }

    public static ItemResult skipped(long roundId, String reason) {
        return new ItemResult(roundId, false, reason, null, null);
    }
}
