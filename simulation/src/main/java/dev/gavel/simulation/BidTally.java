package dev.gavel.simulation;

import dev.gavel.bidding.bid.BidReceipt;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What simulated builders saw of their bids, from their side of the API: sent, acknowledged (with ids), refused by code. */
public final class BidTally {
    private final LongAdder submitted = new LongAdder();
    private final ConcurrentLinkedQueue<BidReceipt> acknowledged = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();

    public void submitted() {
        submitted.increment();
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
