package dev.gavel.bidding.round;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.Wei;
import java.time.Duration;
import java.util.Objects;

/**
 * The rules of the blocks a policy version governs: format, reserve, bid cut-off (before the block's
 * timestamp), bid limit per builder, minimum builder balance and who receives the proceeds.
 */
public record AuctionPolicy(
        int version,
        AuctionFormat format,
        Wei reservePrice,
        long bidCutoffMillis,
        int maxBidsPerBuilder,
        Wei minBuilderBalance,
        Address beneficiary) {

    public AuctionPolicy {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(reservePrice, "reservePrice");
        Objects.requireNonNull(minBuilderBalance, "minBuilderBalance");
        Objects.requireNonNull(beneficiary, "beneficiary");
        if (bidCutoffMillis < 0) {
            throw new IllegalArgumentException("bid cut-off must not be negative: " + bidCutoffMillis);
        }
        if (maxBidsPerBuilder < 1) {
            throw new IllegalArgumentException("max bids per builder must be at least 1: " + maxBidsPerBuilder);
        }
    }

    public Duration bidCutoff() {
        return Duration.ofMillis(bidCutoffMillis);
    }
}
