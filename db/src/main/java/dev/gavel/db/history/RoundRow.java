package dev.gavel.db.history;

import java.math.BigInteger;
import java.time.Instant;

/** A round as it opened, with the policy in force. */
public record RoundRow(
        long roundId,
        byte[] payloadId,
        long blockNumber,
        byte[] parentHash,
        long blockTimestamp,
        String attributesJson,
        int policyVersion,
        String format,
        BigInteger reservePrice,
        long bidCutoffMs,
        int maxBidsPerBuilder,
        BigInteger minBuilderBalance,
        byte[] beneficiary,
        Instant bidDeadline,
        Instant openedAt)
        implements HistoryWrite {}
