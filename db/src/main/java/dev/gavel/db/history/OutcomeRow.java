package dev.gavel.db.history;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** The result of a round closed by getPayload; winner fields are null when no bid was valid. */
public record OutcomeRow(
        long roundId,
        long blockNumber,
        byte[] parentHash,
        byte[] payloadId,
        String format,
        byte[] winner,
        UUID winningBidId,
        BigInteger bidValue,
        BigInteger price,
        byte[] runnerUp,
        UUID runnerUpBidId,
        BigInteger runnerUpValue,
        int bidCount,
        byte[] blockHash,
        Instant closedAt) {}
