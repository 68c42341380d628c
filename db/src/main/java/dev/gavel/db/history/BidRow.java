package dev.gavel.db.history;

import java.time.Instant;
import java.util.UUID;

/**
 * A bid as received: accepted (sealed: key id, encapsulated key, ciphertext) or rejected (with its code).
 * Fields intake never reached are null.
 */
public record BidRow(
        UUID bidId,
        Long roundId,
        String rejectionCode,
        String rejectionMessage,
        Instant receivedAt,
        int bodyBytes,
        Long blockNumber,
        byte[] parentHash,
        byte[] builder,
        Integer keyId,
        byte[] encapsulatedKey,
        byte[] ciphertext,
        StageMicros stages)
        implements HistoryWrite {

    public boolean accepted() {
        return rejectionCode == null;
    }

    /** Microseconds per intake stage. */
    public record StageMicros(long decode, long route, long open, long verify, long check) {}
}
