package dev.gavel.service.broadcast;

import dev.gavel.bidding.json.WireJson;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Fans items out to subscribers, each with its own bounded buffer. An item is written as JSON once, however many
 * subscribers there are, and each gets the same text. A subscriber that falls a whole buffer behind is cut off
 * with {@link SlowSubscriberException} at once (not after it has read its buffer, which a stalled reader never
 * does); publishing never waits for anyone. {@link #close()} lets every subscriber go at once. How long each item
 * waited for each subscriber's connection to take it for writing is reported to a {@link LongConsumer} (nanoseconds).
 */
public final class Broadcast<T> {
    private final int bufferSize;
    private final Function<? super T, String> writer;
    private final LongConsumer delivered;
    private final Set<Subscriber<T>> subscribers = ConcurrentHashMap.newKeySet();
    private final Sinks.Empty<Void> closed = Sinks.empty();
    private final AtomicInteger sockets = new AtomicInteger();
    private final AtomicLong cutOff = new AtomicLong();
    private volatile boolean closing;

    public Broadcast(int bufferSize) {
        this(bufferSize, WireJson::writeString);
    }

    /** {@code writer}: how an item is written for the wire (its JSON). */
    public Broadcast(int bufferSize, Function<? super T, String> writer) {
        this(bufferSize, writer, nanos -> {});
    }

    /**
     * {@code delivered}: told, for each item and subscriber, the nanoseconds from its publication until that
     * subscriber's connection took it for writing; called on the subscriber's thread, so it must not block.
     */
    public Broadcast(int bufferSize, Function<? super T, String> writer, LongConsumer delivered) {
        this.bufferSize = bufferSize;
        this.writer = writer;
        this.delivered = delivered;
    }

    /** Offers {@code item} to every subscriber; serialized, as each subscriber's sink expects one producer. */
    public synchronized void publish(T item) {
        if (subscribers.isEmpty()) {
            return;
        }
        Queued<T> message = new Queued<>(new Published<>(item, writer.apply(item)), System.nanoTime());
        for (Subscriber<T> subscriber : subscribers) {
            if (subscriber.items().tryEmitNext(message).isFailure()) {
                subscribers.remove(subscriber);
                cutOff.incrementAndGet();
                subscriber.cut().tryEmitError(new SlowSubscriberException(bufferSize));
            }
        }
    }

    /**
     * Subscribes now: items published from this call on are buffered until the returned flux is consumed. After
     * {@link #close()} the flux completes at once.
     */
    public Flux<Published<T>> subscribe() {
        Subscriber<T> subscriber = new Subscriber<>(
                Sinks.many()
                        .unicast()
                        .onBackpressureBuffer(Queues.<Queued<T>>get(bufferSize).get()),
                Sinks.empty());
        subscribers.add(subscriber);
        if (closing) {
            subscribers.remove(subscriber);
            return Flux.empty();
        }
        return subscriber
                .items()
                .asFlux()
                // the buffer feeds the merge fused, so it stays the subscriber's only buffer: time after it
                .mergeWith(subscriber.cut().asMono().then(Mono.<Queued<T>>empty()))
                .map(queued -> {
                    delivered.accept(System.nanoTime() - queued.publishedNanos());
                    return queued.published();
                })
                .doFinally(signal -> subscribers.remove(subscriber));
    }

    /** Completes every subscriber and every later one: the service is stopping. */
    public synchronized void close() {
        closing = true;
        closed.tryEmitEmpty(); // first, so sockets know why their stream ends (Sockets: "going away")
        subscribers.forEach(subscriber -> {
            subscriber.items().tryEmitComplete();
            subscriber.cut().tryEmitEmpty();
        });
        subscribers.clear();
    }

    /** Completes when {@link #close()} is called. */
    public Mono<Void> closed() {
        return closed.asMono();
    }

    /** A websocket session streaming this broadcast, counted until it ends: {@link #awaitSockets} waits for them. */
    public Mono<Void> counted(Mono<Void> session) {
        return Mono.defer(() -> {
            sockets.incrementAndGet();
            return session.doFinally(signal -> sockets.decrementAndGet());
        });
    }

    /** Sessions streaming this broadcast now. */
    public int sockets() {
        return sockets.get();
    }

    /** Waits, at most {@code patience}, until every counted session has ended (after {@link #close()}). */
    public boolean awaitSockets(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (sockets.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return sockets.get() == 0;
    }

    public int subscribers() {
        return subscribers.size();
    }

    /** Subscribers cut off for falling a whole buffer behind, since start. */
    public long cutOff() {
        return cutOff.get();
    }

    /** An item and its text as sent: written once per item, shared by every subscriber. */
    public record Published<T>(T item, String text) {}

    /** An item as buffered for subscribers: with when it was published, to time its delivery. */
    private record Queued<T>(Published<T> published, long publishedNanos) {}

    /** A subscriber's buffer, and how it is told at once that it was cut off. */
    private record Subscriber<T>(Sinks.Many<Queued<T>> items, Sinks.Empty<Void> cut) {}
}
