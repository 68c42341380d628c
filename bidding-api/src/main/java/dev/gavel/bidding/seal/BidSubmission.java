package dev.gavel.bidding.seal;

import dev.gavel.bidding.bid.SignedBid;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import java.util.Objects;

/** The plaintext inside a {@link SealedBid}: the signed bid and the block it pays for. */
public record BidSubmission(SignedBid bid, ExecutionPayloadEnvelope envelope) {
    public BidSubmission {
        Objects.requireNonNull(bid, "bid");
        Objects.requireNonNull(envelope, "envelope");
    }
}
