package dev.gavel.devtools.bench;

import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The rounds of one stretch of the run (the measured window, or one step of a ramp) and what became of their
 * bids: every bid offered ends acknowledged, shed (refused at once by load shedding or a rate limit), late (taken
 * up after its round closed) or failed (any other refusal, or no answer at all).
 */
final class LoadWindow {
    private static final Set<RejectionCode> SHED = Set.of(RejectionCode.UNAVAILABLE, RejectionCode.RATE_LIMITED);
    private static final Set<RejectionCode> LATE =
            Set.of(RejectionCode.UNKNOWN_ROUND, RejectionCode.ROUND_CLOSED, RejectionCode.LATE_BID);

    static final double HELD_ACK_P99_MILLIS = 20;

    final int bidsPerRound;
    final Latencies acks = new Latencies();
    final Latencies getPayloads = new Latencies();
    final Latencies winnerDeliveries = new Latencies();
    private final LongAdder offered = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder shed = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder acknowledgedBytes = new LongAdder();
    private Duration wallTime = Duration.ZERO;
    private long serviceCpuNanos = -1;

    LoadWindow(int bidsPerRound) {
        this.bidsPerRound = bidsPerRound;
    }

    void offer() {
        offered.increment();
    }

    /** The answer to a bid of {@code bytes} after {@code nanos}; {@code result} null when none came. */
    void answered(SubmitResult result, long bytes, long nanos) {
        switch (result) {
            case SubmitResult.Accepted accepted -> {
                acknowledged.increment();
                acknowledgedBytes.add(bytes);
                acks.record(nanos);
            }
            case SubmitResult.Rejected refused
            when SHED.contains(refused.error().code()) -> shed.increment();
            case SubmitResult.Rejected refused
            when LATE.contains(refused.error().code()) -> late.increment();
            case null, default -> failed.increment();
        }
    }

    /** Closes the window once every bid of it was answered: its rounds took {@code wallTime}, the service {@code serviceCpuNanos} of CPU (-1: unknown). */
    void finish(Duration wallTime, long serviceCpuNanos) {
        this.wallTime = wallTime;
        this.serviceCpuNanos = serviceCpuNanos;
    }

    /** Acknowledgement p99 ≤ 20 ms and at least 95 % of the offered bids acknowledged: the ramp's test of a step. */
    boolean held() {
        return acks.percentileMillis(0.99) <= HELD_ACK_P99_MILLIS && acknowledged() >= 0.95 * offered();
    }

    /** Bids a second every round offered, as planned. */
    double plannedRate(Duration blockTime) {
        return BenchOptions.offeredPerSecond(bidsPerRound, blockTime);
    }

    long offered() {
        return offered.sum();
    }

    long acknowledged() {
        return acknowledged.sum();
    }

    long shed() {
        return shed.sum();
    }

    long late() {
        return late.sum();
    }

    long failed() {
        return failed.sum();
    }

    Duration wallTime() {
        return wallTime;
    }

    double offeredPerSecond() {
        return offered() / seconds();
    }

    double acknowledgedPerSecond() {
        return acknowledged() / seconds();
    }

    double megabytesPerSecond() {
        return acknowledgedBytes.sum() / 1e6 / seconds();
    }

    /** The service's CPU seconds over the window, or -1 when its metrics are not available. */
    double serviceCpuSeconds() {
        return serviceCpuNanos < 0 ? -1 : serviceCpuNanos / 1e9;
    }

    /** The service's CPU per acknowledged bid (all its threads: HTTP, intake, history, GC), or -1 when unknown. */
    double serviceCpuMicrosPerBid() {
        return serviceCpuNanos < 0 || acknowledged() == 0 ? -1 : serviceCpuNanos / 1_000.0 / acknowledged();
    }

    private double seconds() {
        return Math.max(1, wallTime.toMillis()) / 1000.0;
    }
}
