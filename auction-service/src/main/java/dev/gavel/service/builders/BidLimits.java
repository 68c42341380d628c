package dev.gavel.service.builders;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.primitives.Address;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How much intake one authenticated builder may take at once, so no builder (and nobody naming one) can starve
 * the others: a token bucket of bids per second, and a number of its bids waiting for intake at once within
 * the service's shared pending slots. Acquired only after the header's signature held.
 */
public final class BidLimits {
    private final Clock clock;
    private final int maxPending;
    private final int maxPendingPerBuilder;
    private final double ratePerSecond;
    private final int burst;
    private final AtomicInteger pending = new AtomicInteger();
    private final Map<Address, Builder> builders = new ConcurrentHashMap<>();

    public BidLimits(Clock clock, int maxPending, int maxPendingPerBuilder, double ratePerSecond, int burst) {
        this.clock = clock;
        this.maxPending = maxPending;
        this.maxPendingPerBuilder = maxPendingPerBuilder;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
    }

    /** Takes a slot for one bid of {@code builder}, or says why not; a taken slot must be {@link #release}d. */
    public Optional<Rejection> acquire(Address builder) {
        Builder limits = builders.computeIfAbsent(builder, b -> new Builder());
        synchronized (limits) {
            if (!limits.rate.take(clock.millis())) {
                return refuse(
                        RejectionCode.RATE_LIMITED, "more than " + ratePerSecond + " bids a second from " + builder);
            }
            if (limits.pending >= maxPendingPerBuilder) {
                return refuse(
                        RejectionCode.UNAVAILABLE,
                        builder + " already has " + maxPendingPerBuilder + " bids waiting for intake; retry");
            }
            if (pending.incrementAndGet() > maxPending) {
                pending.decrementAndGet();
                return refuse(
                        RejectionCode.UNAVAILABLE,
                        "intake is saturated: " + maxPending + " bids waiting for intake; retry");
            }
            limits.pending++;
            return Optional.empty();
        }
    }

    public void release(Address builder) {
        Builder limits = builders.get(builder);
        synchronized (limits) {
            limits.pending--;
        }
        pending.decrementAndGet();
    }

    /** Bids waiting for intake now, of all builders. */
    public int pending() {
        return pending.get();
    }

    private static Optional<Rejection> refuse(RejectionCode code, String message) {
        return Optional.of(new Rejection(code, message));
    }

    /** One builder's bucket and waiting bids; guarded by itself. */
    private final class Builder {
        private final TokenBucket rate = new TokenBucket(ratePerSecond, burst, clock.millis());
        private int pending;
    }
}
