package dev.gavel.service.ops;

import dev.gavel.settlement.batch.SettlementReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settler's gauges: backlog, age of the oldest unsettled outcome, blocks left in the block-hash window
 * (with a warning once it is under the margin), the settler account's balance in wei (NaN before its first pass),
 * and settlement latency from the round's close (a histogram).
 */
public final class SettlementMetrics {
    private static final Logger log = LoggerFactory.getLogger(SettlementMetrics.class);

    private final AtomicReference<SettlementReport> last = new AtomicReference<>();
    private final Clock clock;
    private final long windowMarginBlocks;
    private final Timer latency;
    private final Counter skipped;

    public SettlementMetrics(MeterRegistry registry, Clock clock, long windowMarginBlocks) {
        this.clock = clock;
        this.windowMarginBlocks = windowMarginBlocks;
        registry.gauge(
                "gavel.settlement.backlog",
                last,
                l -> l.get() == null ? 0 : l.get().backlog().total());
        registry.gauge("gavel.settlement.oldest.unsettled.seconds", last, l -> oldestAgeSeconds());
        registry.gauge(
                "gavel.settlement.window.blocks.left",
                last,
                l -> l.get() == null || l.get().windowBlocksLeft().isEmpty()
                        ? Double.NaN
                        : l.get().windowBlocksLeft().getAsLong());
        registry.gauge(
                "gavel.settler.balance.wei",
                last,
                l -> l.get() == null
                        ? Double.NaN
                        : l.get().settlerBalance().amount().doubleValue());
        this.latency = Timer.builder("gavel.settlement.latency")
                .description("from a round's close to its settlement's confirmation")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        this.skipped = registry.counter("gavel.settlement.skipped");
    }

    public void record(SettlementReport report) {
        last.set(report);
        report.settlementLatencies().forEach(latency::record);
        skipped.increment(report.skipped());
        report.windowBlocksLeft().ifPresent(left -> {
            if (left <= windowMarginBlocks) {
                log.warn(
                        "settlement: the oldest owed block has {} blocks left before the contract can no longer check its hash",
                        left);
            }
        });
    }

    private double oldestAgeSeconds() {
        SettlementReport report = last.get();
        if (report == null || report.backlog().oldestClosedAt().isEmpty()) {
            return 0;
        }
        return Duration.between(report.backlog().oldestClosedAt().get(), clock.instant())
                        .toMillis()
                / 1000.0;
    }
}
