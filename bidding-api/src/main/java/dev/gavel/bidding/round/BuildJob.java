package dev.gavel.bidding.round;

import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import java.time.Instant;

/** Pushed to builders the moment a round opens: everything needed to build and bid for the block. */
public record BuildJob(
        long roundId,
        PayloadId payloadId,
        BlockNumber blockNumber,
        Hash32 parentHash,
        PayloadAttributes attributes,
        Instant bidDeadline,
        AuctionPolicy policy) {}
