package dev.gavel.db.history;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Wei;
import java.time.Instant;
import java.util.UUID;

/** The result of a round closed by getPayload; winner fields are null when no bid was valid. */
public record OutcomeRow(
        long roundId,
        BlockNumber blockNumber,
        Hash32 parentHash,
        PayloadId payloadId,
        String format,
        Address winner,
        UUID winningBidId,
        Wei bidValue,
        Wei price,
        Address runnerUp,
        UUID runnerUpBidId,
        Wei runnerUpValue,
        int bidCount,
        Hash32 blockHash,
        Instant closedAt) {}
