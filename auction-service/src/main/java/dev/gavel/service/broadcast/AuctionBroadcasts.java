package dev.gavel.service.broadcast;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.round.BuildJob;
import dev.gavel.bidding.round.Outcome;
import dev.gavel.core.auction.AuctionEvents;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auction's outcomes, fanned out to the winners websocket on a thread of their own ({@code gavel-fanout}): the
 * auction calls in from the history writer (an outcome, once recorded), which may wait neither for JSON writing
 * nor for subscribers. Build jobs are not public: they travel on the builder channel, to admitted builders only. Events keep their order; should the fan-out fall {@value #QUEUE} events behind,
 * newer ones are dropped and counted rather than queued without bound.
 */
public final class AuctionBroadcasts implements AuctionEvents, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuctionBroadcasts.class);
    private static final int QUEUE = 1_024;
    private static final Duration CLOSING = Duration.ofSeconds(2);

    private final Broadcast<Outcome> outcomes;
    private final AtomicLong dropped = new AtomicLong();
    private final ExecutorService fanout = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            Thread.ofPlatform().name("gavel-fanout").daemon().factory(),
            (event, executor) -> {
                dropped.incrementAndGet();
                log.warn("an auction event was not fanned out: {}", executor.isShutdown() ? "stopping" : "queue full");
            });

    public AuctionBroadcasts(int bufferSize) {
        this(bufferSize, feed -> nanos -> {});
    }

    /** {@code delivery}: where each feed ({@code winners}) reports its items' delivery times. */
    public AuctionBroadcasts(int bufferSize, Function<String, LongConsumer> delivery) {
        this.outcomes = new Broadcast<>(bufferSize, WireJson::writeString, delivery.apply("winners"));
    }

    /** Not fanned out here: the builder channel carries build jobs, to admitted builders only. */
    @Override
    public void buildJobPublished(BuildJob job) {}

    @Override
    public void outcomeRecorded(Outcome outcome) {
        fanout.execute(() -> outcomes.publish(outcome));
    }

    public Broadcast<Outcome> outcomes() {
        return outcomes;
    }

    /** Events not fanned out: the fan-out was {@value #QUEUE} behind, or stopping. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Fans out what is queued, then lets every subscriber go at once (the service is stopping), and waits a moment
     * for their sockets to close: the web server must not cut them before their close frames are out.
     */
    @Override
    public void close() {
        long start = System.nanoTime();
        int sockets = outcomes.sockets();
        fanout.shutdown();
        outcomes.close();
        try {
            fanout.awaitTermination(1, TimeUnit.SECONDS);
            if (!outcomes.awaitSockets(CLOSING)) {
                log.warn("some websocket subscribers were still closing after {} ms", CLOSING.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info(
                "{} websocket subscriber(s) told Gavel is stopping, in {} ms",
                sockets,
                (System.nanoTime() - start) / 1_000_000);
    }
}
