package dev.gavel.core.intake;

import dev.gavel.bidding.bid.BidError;
import dev.gavel.bidding.bid.RejectionCode;
import java.util.Objects;

/** Why one bid was refused: its code and a message that names the offending values. */
public record Rejection(RejectionCode code, String message) {
    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public BidError toError() {
        return new BidError(code, message);
    }
}
