package dev.gavel.bidding.channel;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.primitives.Address;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A builder's first message on the channel: who it is, its signature of the connection's challenge, and,
 * when it reconnects, the last sequence number it received, so that what it missed is sent again first.
 */
public record ChannelLogin(Address builder, BidSignature signature, Long resumeAfter) {
    public ChannelLogin {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(signature, "signature");
        if (resumeAfter != null && resumeAfter < 0) {
            throw new IllegalArgumentException("resumeAfter is a sequence number, never negative");
        }
    }

    public OptionalLong resume() {
        return resumeAfter == null ? OptionalLong.empty() : OptionalLong.of(resumeAfter);
    }
}
