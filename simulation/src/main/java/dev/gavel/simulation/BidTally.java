package dev.gavel.simulation;

import dev.gavel.bidding.bid.BidReceipt;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What simulated builders saw of their bids, from their side of the API: sent, acknowledged (with ids), refused
 * by code; and, for their honest bids (valid, sent at least {@link #HONEST_LEAD} before the cut-off), how many
 * were acknowledged and how long the acknowledgement took.
 */
public final class BidTally {
    /** How long before the cut-off an honest bid is sent: one that leaves less may fairly be late. */
    public static final Duration HONEST_LEAD = Duration.ofMillis(300);

    private final LongAdder submitted = new LongAdder();
    private final LongAdder honestSent = new LongAdder();
    private final LongAdder honestAccepted = new LongAdder();
    private final ConcurrentLinkedQueue<Long> honestAckMicros = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<BidReceipt> acknowledged = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();

    public void submitted() {
        submitted.increment();
    }

    /** An honest bid sent; {@link #answeredHonest} follows with its answer. */
    public void submittedHonest() {
        submitted.increment();
        honestSent.increment();
    }

    public void answeredHonest(SubmitResult result, Throwable failure, Duration latency) {
        answered(result, failure);
        if (result instanceof SubmitResult.Accepted) {
            honestAccepted.increment();
            honestAckMicros.add(latency.toNanos() / 1_000);
        }
    }

    public long honestSentCount() {
        return honestSent.sum();
    }

    public long honestAcceptedCount() {
        return honestAccepted.sum();
    }

    /** The 99th percentile of the honest bids' acknowledgement latency (nearest rank), zero before any. */
    public Duration honestAckP99() {
        long[] sorted =
                honestAckMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(0.99 * sorted.length);
        return Duration.ofNanos(sorted[rank - 1] * 1_000);
    }

    public void answered(SubmitResult result, Throwable failure) {
        if (failure != null) {
            errors.increment();
            return;
        }
        switch (result) {
            case SubmitResult.Accepted accepted -> acknowledged.add(accepted.receipt());
            case SubmitResult.Rejected refused ->
                rejected.computeIfAbsent(refused.error().code().name(), code -> new AtomicLong())
                        .incrementAndGet();
        }
    }

    public long submittedCount() {
        return submitted.sum();
    }

    public long acceptedCount() {
        return acknowledged.size();
    }

    /** The receipt of every acknowledged bid: each must be in PostgreSQL. */
    public List<BidReceipt> acknowledged() {
        return List.copyOf(acknowledged);
    }

    public Map<String, Long> rejectedByCode() {
        Map<String, Long> counts = new TreeMap<>();
        rejected.forEach((code, count) -> counts.put(code, count.get()));
        return counts;
    }

    /** Bids that got no answer at all (connection failures, timeouts). */
    public long errorCount() {
        return errors.sum();
    }
}
