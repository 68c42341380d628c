package dev.gavel.devtools.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peak heap of the service (from its metrics) and of the load generator (this JVM), each sampled every
 * {@link #PERIOD_MILLIS} ms: a peak between two samples goes unseen, so these are lower bounds.
 */
final class MemoryWatch implements AutoCloseable {
    static final long PERIOD_MILLIS = 250;

    private final Optional<ServiceMetrics> service;
    private final MemoryMXBean generator = ManagementFactory.getMemoryMXBean();
    private final AtomicLong servicePeak = new AtomicLong(-1);
    private final AtomicLong generatorPeak = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bench-memory-watch");
        thread.setDaemon(true);
        return thread;
    });

    private MemoryWatch(Optional<ServiceMetrics> service) {
        this.service = service;
    }

    static MemoryWatch start(Optional<ServiceMetrics> service) {
        MemoryWatch watch = new MemoryWatch(service);
        watch.timer.scheduleAtFixedRate(watch::sample, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return watch;
    }

    private void sample() {
        generatorPeak.accumulateAndGet(generator.getHeapMemoryUsage().getUsed(), Math::max);
        service.ifPresent(metrics -> {
            try {
                servicePeak.accumulateAndGet(metrics.read().heapUsedBytes(), Math::max);
            } catch (Exception e) {
                // a sample missed under load is a sample fewer, not a failed run: the peak stays a lower bound
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    /** The service's peak heap in bytes, or -1 without its metrics. */
    long servicePeakBytes() {
        return servicePeak.get();
    }

    long generatorPeakBytes() {
        return generatorPeak.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
