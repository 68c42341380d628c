package dev.gavel.service.broadcast;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Fans items out to subscribers, each with its own bounded buffer. A subscriber that falls a whole
 * buffer behind is cut off with {@link SlowSubscriberException}; publishing never waits for anyone.
 */
public final class Broadcast<T> {
    private final int bufferSize;
    private final Set<Sinks.Many<T>> subscribers = ConcurrentHashMap.newKeySet();

    public Broadcast(int bufferSize) {
        this.bufferSize = bufferSize;
    }

    /** Offers {@code item} to every subscriber; serialized, as each subscriber's sink expects one producer. */
    public synchronized void publish(T item) {
        for (Sinks.Many<T> subscriber : subscribers) {
            if (subscriber.tryEmitNext(item).isFailure()) {
                subscribers.remove(subscriber);
                subscriber.tryEmitError(new SlowSubscriberException(bufferSize));
            }
        }
    }

    /** Subscribes now: items published from this call on are buffered until the returned flux is consumed. */
    public Flux<T> subscribe() {
        Sinks.Many<T> sink = Sinks.many()
                .unicast()
                .onBackpressureBuffer(Queues.<T>get(bufferSize).get());
        subscribers.add(sink);
        return sink.asFlux().doFinally(signal -> subscribers.remove(sink));
    }

    int subscribers() {
        return subscribers.size();
    }
}
