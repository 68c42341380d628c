package dev.gavel.service.ops;

import dev.gavel.service.engineapi.EngineCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The Engine API's calls as a Prometheus histogram in seconds ({@code gavel_engine_call_seconds}), by method and
 * result, so that getPayload's p99 can be watched (histogram_quantile over the buckets, across instances).
 */
public final class EngineCallMetrics implements EngineCalls {
    private final MeterRegistry registry;

    public EngineCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void record(String method, String result, long nanos) {
        Timer.builder("gavel.engine.call")
                .description("Engine API calls, by method and result (ok, or the JSON-RPC error code)")
                .tag("method", method)
                .tag("result", result)
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
