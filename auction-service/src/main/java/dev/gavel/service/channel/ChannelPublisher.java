package dev.gavel.service.channel;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel's own thread ({@code gavel-channel}), where its messages are numbered, written and fanned out, in the
 * order they were handed in. Its queue is bounded: should the fan-out fall {@code capacity} messages behind, newer
 * ones are dropped and counted (never numbered, so builders see no gap for them) rather than queued without bound.
 */
public final class ChannelPublisher implements Executor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChannelPublisher.class);
    private static final Duration CLOSING = Duration.ofSeconds(2);

    private final AtomicLong dropped = new AtomicLong();
    private final ThreadPoolExecutor thread;

    public ChannelPublisher(int capacity) {
        this.thread = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity),
                Thread.ofPlatform().name("gavel-channel").daemon().factory(),
                (message, executor) -> {
                    if (dropped.getAndIncrement() == 0 || executor.isShutdown()) {
                        log.warn(
                                "a channel message was dropped: {}", executor.isShutdown() ? "stopping" : "queue full");
                    }
                });
    }

    @Override
    public void execute(Runnable message) {
        thread.execute(message);
    }

    /** Messages dropped since start: the fan-out was {@code capacity} behind, or stopping. */
    public long dropped() {
        return dropped.get();
    }

    /** Publishes what is queued, for a moment, then stops. */
    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(CLOSING.toMillis(), TimeUnit.MILLISECONDS);
    }
}
