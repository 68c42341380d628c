package dev.gavel.bidding.bid;

import java.util.Objects;

/**
 * Why a bid was refused: a stable code and a message for people that names the offending values. It is
 * also the 4xx/5xx answer's body, {@code {"code": ..., "message": ...}}.
 */
public record Rejection(RejectionCode code, String message) {
    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
