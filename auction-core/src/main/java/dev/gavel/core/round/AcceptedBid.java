package dev.gavel.core.round;

import dev.gavel.bidding.bid.SignedBid;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.time.Instant;
import java.util.UUID;

/**
 * A bid that passed every intake check. {@code arrival} orders bids across the whole service, so ties
 * go to whoever came first even when the clock cannot tell them apart.
 */
public record AcceptedBid(
        UUID bidId,
        long arrival,
        Instant receivedAt,
        Hash32 digest,
        SignedBid signed,
        ExecutionPayloadEnvelope envelope) {

    public Address builder() {
        return signed.bid().builder();
    }

    public Wei value() {
        return signed.bid().value();
    }
}
