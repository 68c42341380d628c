package dev.gavel.db.settlement;

import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.time.Instant;

/** One signed transaction for a batch's nonce: the first, or a replacement with higher fees. */
public record BatchAttempt(
        Hash32 txHash,
        Wei maxFeePerGas,
        Wei maxPriorityFeePerGas,
        long gasLimit,
        Bytes rawTransaction,
        Instant signedAt) {}
