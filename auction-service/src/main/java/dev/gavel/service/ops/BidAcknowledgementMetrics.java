package dev.gavel.service.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Times each bid from its request's arrival to its answer ({@code gavel_bid_acknowledgement_seconds}, a histogram by
 * HTTP status: 202 is a durable acknowledgement), and counts the bids shed under load, those answered "retry
 * later" (429 or 503, with Retry-After: {@code gavel_bids_shed_total} by status). Recording adds to lock-free
 * counters on the thread that answers; nothing waits.
 */
public final class BidAcknowledgementMetrics implements HandlerFilterFunction<ServerResponse, ServerResponse> {
    private final MeterRegistry registry;

    public BidAcknowledgementMetrics(MeterRegistry registry) {
        this.registry = registry;
        // both exist from the start, so that a rate over them is 0 rather than no data
        shed("429");
        shed("503");
    }

    @Override
    public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return next.handle(request)
                    .doOnNext(response -> record(response.statusCode().value(), start));
        });
    }

    private Counter shed(String status) {
        return Counter.builder("gavel.bids.shed")
                .description("bids answered retry-later under load (429 or 503, with Retry-After)")
                .tag("status", status)
                .register(registry);
    }

    private void record(int status, long start) {
        String code = Integer.toString(status);
        Timer.builder("gavel.bid.acknowledgement")
                .description("from a bid's arrival to its answer, by HTTP status (202: durably acknowledged)")
                .tag("status", code)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (status == 429 || status == 503) {
            shed(code).increment();
        }
    }
}
