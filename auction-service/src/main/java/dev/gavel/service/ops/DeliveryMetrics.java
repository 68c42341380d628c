package dev.gavel.service.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;

/**
 * The push feeds' meters, by feed ({@code winners}, {@code channel}): how long an item waits
 * from its publication until a subscriber's connection takes it for writing ({@code gavel_websocket_delivery_seconds},
 * a histogram), and the subscribers cut off for falling a whole buffer behind ({@code
 * gavel_websocket_subscribers_dropped_total}).
 */
public final class DeliveryMetrics {
    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Where {@code feed}'s delivery times go; recording only adds to lock-free counters, so any thread may call it. */
    public LongConsumer delivery(String feed) {
        Timer timer = Timer.builder("gavel.websocket.delivery")
                .description("from an item's publication until a subscriber's connection took it for writing")
                .tag("feed", feed)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts {@code feed}'s subscribers cut off for being slow, as {@code cutOff} reads them from {@code source}. */
    public <S> void dropped(String feed, S source, ToDoubleFunction<S> cutOff) {
        registry.more().counter("gavel.websocket.subscribers.dropped", Tags.of("feed", feed), source, cutOff);
    }
}
