package dev.gavel.db.history;

import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.time.Instant;
import java.util.UUID;

/**
 * What a sealed bid contained, written when its round closes: its digest, block hash, value and signature, and
 * the gas its block used and its transaction count. {@code receivedAt} finds the bid's partition.
 */
public record BidReveal(
        UUID bidId,
        Instant receivedAt,
        Hash32 digest,
        Hash32 blockHash,
        Wei value,
        Bytes signature,
        long gasUsed,
        int transactionCount) {}
