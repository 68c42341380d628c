package dev.gavel.bidding.bid;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Objects;

/** A bid with its builder's EIP-712 signature; on the wire the bid's fields sit beside {@code signature}. */
public record SignedBid(@JsonUnwrapped Bid bid, BidSignature signature) {
    public SignedBid {
        Objects.requireNonNull(bid, "bid");
        Objects.requireNonNull(signature, "signature");
    }
}
