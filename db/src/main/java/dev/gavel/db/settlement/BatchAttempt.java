package dev.gavel.db.settlement;

import java.math.BigInteger;
import java.time.Instant;

/** One signed transaction for a batch's nonce: the first, or a replacement with higher fees. */
public record BatchAttempt(
        byte[] txHash,
        BigInteger maxFeePerGas,
        BigInteger maxPriorityFeePerGas,
        long gasLimit,
        byte[] rawTransaction,
        Instant signedAt) {}
