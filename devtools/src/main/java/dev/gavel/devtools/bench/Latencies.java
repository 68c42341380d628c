package dev.gavel.devtools.bench;

import java.util.Arrays;
import java.util.function.LongConsumer;

/** Latency samples in nanoseconds, and their percentiles in milliseconds. */
public final class Latencies {
    private long[] samples = new long[1024];
    private int count;

    public synchronized void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    public synchronized int count() {
        return count;
    }

    /** Offers every sample to {@code sink}, in the order recorded. */
    public synchronized void forEach(LongConsumer sink) {
        for (int i = 0; i < count; i++) {
            sink.accept(samples[i]);
        }
    }

    /** The {@code quantile} (0-1) in milliseconds, by the nearest-rank method; 0 when empty. */
    public synchronized double percentileMillis(double quantile) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
    }
}
