package dev.gavel.service.lifecycle;

import dev.gavel.service.engineapi.EngineApiServer;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts taking rounds once everything behind them is ready. Each periodic task (closing rounds nobody asked
 * the payload of, catching the chain mirror up, re-verifying attested builders, settling) runs once first, so
 * that the first round already sees the hub's builders and policies and the verified builders; a task that
 * fails there only logs, as it would later (an unreachable chain must not stop the service). Then the Engine
 * API server opens, and each task repeats on its own thread. Stopping runs the other way, and ends with the
 * websocket subscribers.
 */
public final class ServiceLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ServiceLifecycle.class);

    private final EngineApiServer engineApi;
    private final String host;
    private final int port;
    private final List<PeriodicTask> tasks;
    private final Runnable letSubscribersGo;
    private ScheduledExecutorService scheduler;

    /** {@code letSubscribersGo}: closes every websocket subscriber, so that stopping does not wait for them. */
    public ServiceLifecycle(
            EngineApiServer engineApi, String host, int port, List<PeriodicTask> tasks, Runnable letSubscribersGo) {
        this.engineApi = engineApi;
        this.host = host;
        this.port = port;
        this.tasks = List.copyOf(tasks);
        this.letSubscribersGo = letSubscribersGo;
    }

    @Override
    public synchronized void start() {
        tasks.forEach(ServiceLifecycle::run);
        engineApi.start(host, port);
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

    /**
     * Stops taking rounds, then lets every websocket subscriber go: this runs before the web server's graceful
     * shutdown (a later phase), which would otherwise wait its whole period for connected subscribers.
     */
    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        engineApi.close();
        letSubscribersGo.run();
    }

    @Override
    public synchronized boolean isRunning() {
        return engineApi.isRunning();
    }
}
