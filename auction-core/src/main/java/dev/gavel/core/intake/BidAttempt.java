package dev.gavel.core.intake;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import java.time.Instant;

/** What intake learnt of a bid before refusing it (fields are null where it got no further), for the history. */
public record BidAttempt(
        Instant receivedAt, int bodyBytes, Long roundId, BlockNumber blockNumber, Hash32 parentHash, Address builder) {}
