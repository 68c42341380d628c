package dev.gavel.db.history;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
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
        BlockNumber blockNumber,
        Hash32 parentHash,
        Address builder,
        Integer keyId,
        Bytes encapsulatedKey,
        Bytes ciphertext,
        StageMicros stages)
        implements HistoryWrite {

    public boolean accepted() {
        return rejectionCode == null;
    }

    /** Microseconds per intake stage. */
    public record StageMicros(long decode, long route, long open, long verify, long check) {}
}
