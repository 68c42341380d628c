package dev.gavel.service.config;

import dev.gavel.service.auction.Auctioneer;
import dev.gavel.service.engineapi.EngineApiServer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts taking rounds once everything behind them is ready: the Engine API server, and the sweeper that
 * closes rounds nobody asked the payload of.
 */
final class ServiceLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ServiceLifecycle.class);
    private static final long SWEEP_MILLIS = 500;

    private final EngineApiServer engineApi;
    private final EngineProperties engine;
    private final Auctioneer auctioneer;
    private final Duration expiryGrace;
    private ScheduledExecutorService sweeper;

    ServiceLifecycle(EngineApiServer engineApi, EngineProperties engine, Auctioneer auctioneer, Duration expiryGrace) {
        this.engineApi = engineApi;
        this.engine = engine;
        this.auctioneer = auctioneer;
        this.expiryGrace = expiryGrace;
    }

    @Override
    public synchronized void start() {
        engineApi.start(engine.host(), engine.port());
        sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("gavel-round-sweeper").daemon().factory());
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            auctioneer.expireRounds(expiryGrace)
                    .forEach(result -> log.info("round {} for block {} expired: no getPayload arrived", result.round().id(), result.round().blockNumber()));
        } catch (RuntimeException e) {
            log.error("round sweep failed", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        engineApi.close();
    }

    @Override
    public synchronized boolean isRunning() {
        return engineApi.isRunning();
    }
}
