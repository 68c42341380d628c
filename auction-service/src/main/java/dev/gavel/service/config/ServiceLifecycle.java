package dev.gavel.service.config;

import dev.gavel.service.engineapi.EngineApiServer;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts taking rounds once everything behind them is ready: the Engine API server, and the periodic
 * work (closing rounds nobody asked the payload of, re-verifying attested builders).
 */
final class ServiceLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ServiceLifecycle.class);

    private final EngineApiServer engineApi;
    private final EngineProperties engine;
    private final List<PeriodicTask> tasks;
    private ScheduledExecutorService scheduler;

    ServiceLifecycle(EngineApiServer engineApi, EngineProperties engine, List<PeriodicTask> tasks) {
        this.engineApi = engineApi;
        this.engine = engine;
        this.tasks = List.copyOf(tasks);
    }

    @Override
    public synchronized void start() {
        engineApi.start(engine.host(), engine.port());
        // a thread per task: a slow chain must not hold up the round sweep
        scheduler = Executors.newScheduledThreadPool(
                tasks.size(),
                Thread.ofPlatform().name("gavel-periodic-", 0).daemon().factory());
        for (PeriodicTask task : tasks) {
            long millis = task.interval().toMillis();
            scheduler.scheduleWithFixedDelay(() -> run(task), millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    private static void run(PeriodicTask task) {
        try {
            task.work().run();
        } catch (RuntimeException e) {
            log.error("{} failed", task.name(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        engineApi.close();
    }

    @Override
    public synchronized boolean isRunning() {
        return engineApi.isRunning();
    }
}
