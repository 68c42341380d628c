package dev.gavel.db.history;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.time.Instant;

/** A round as it opened, with the policy in force. */
public record RoundRow(
        long roundId,
        PayloadId payloadId,
        BlockNumber blockNumber,
        Hash32 parentHash,
        Quantity blockTimestamp,
        String attributesJson,
        int policyVersion,
        String format,
        Wei reservePrice,
        long bidCutoffMs,
        int maxBidsPerBuilder,
        Wei minBuilderBalance,
        Address beneficiary,
        Instant bidDeadline,
        Instant openedAt)
        implements HistoryWrite {}
