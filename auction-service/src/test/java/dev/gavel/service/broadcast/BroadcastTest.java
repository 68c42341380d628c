package dev.gavel.service.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class BroadcastTest {
    @Test
    void aSubscriberReceivesWhatWasPublishedAfterItSubscribed() {
        Broadcast<Integer> broadcast = new Broadcast<>(8);
        broadcast.publish(0);
        var subscription = broadcast.subscribe();
        broadcast.publish(1);
        broadcast.publish(2);

        StepVerifier.create(subscription.take(2).map(Broadcast.Published::item))
                .expectNext(1, 2)
                .verifyComplete();
    }

    @Test
    void eachSubscribersDeliveryRunsFromPublicationUntilItsConnectionTakesTheItem() throws Exception {
        List<Long> delivered = new CopyOnWriteArrayList<>();
        Broadcast<Integer> broadcast = new Broadcast<>(8, String::valueOf, delivered::add);
        broadcast.subscribe().subscribe();
        var waiting = broadcast.subscribe().map(Broadcast.Published::item);

        StepVerifier.create(waiting, 0)
                .then(() -> {
                    broadcast.publish(1);
                    broadcast.publish(2);
                })
                .then(() -> assertThat(delivered)
                        .as("the prompt subscriber took both")
                        .hasSize(2))
                .thenAwait(Duration.ofMillis(50))
                .thenRequest(2)
                .expectNext(1, 2)
                .thenCancel()
                .verify(Duration.ofSeconds(5));

        assertThat(delivered).hasSize(4);
        assertThat(delivered.subList(2, 4))
                .as("the waiting subscriber's items waited in its buffer")
                .allSatisfy(nanos -> assertThat(nanos)
                        .isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos()));
    }

    @Test
    void aSubscriberThatFallsBehindIsCutOffWhileOthersKeepUp() {
        Broadcast<Integer> broadcast = new Broadcast<>(4);
        var slow = broadcast.subscribe().map(Broadcast.Published::item);
        List<Integer> received = new CopyOnWriteArrayList<>();
        broadcast.subscribe().subscribe(published -> received.add(published.item()));

        for (int i = 0; i < 10; i++) {
            broadcast.publish(i);
        }

        assertThat(received).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        StepVerifier.create(slow)
                .thenConsumeWhile(i -> i < 8)
                .expectError(SlowSubscriberException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(broadcast.subscribers()).isEqualTo(1);
    }

    /** A stalled reader never drains its buffer: it must learn it was cut off without reading it. */
    @Test
    void aCutOffSubscriberIsToldAtOnceWithoutReadingItsBuffer() {
        Broadcast<Integer> broadcast = new Broadcast<>(4);
        var stalled = broadcast.subscribe();

        for (int i = 0; i < 10; i++) {
            broadcast.publish(i);
        }

        StepVerifier.create(stalled, 0)
                .expectError(SlowSubscriberException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void anItemIsWrittenOnceHoweverManySubscribersThereAre() {
        AtomicInteger writes = new AtomicInteger();
        Broadcast<Integer> broadcast = new Broadcast<>(8, item -> {
            writes.incrementAndGet();
            return "{\"n\":" + item + "}";
        });
        List<String> texts = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            broadcast.subscribe().subscribe(published -> texts.add(published.text()));
        }

        broadcast.publish(7);
        broadcast.publish(8);

        assertThat(writes).hasValue(2);
        assertThat(texts).hasSize(10);
        assertThat(texts.stream()
                        .filter(text -> text.equals("{\"n\":7}"))
                        .distinct()
                        .toList())
                .singleElement()
                .isSameAs(texts.get(0));
    }

    @Test
    void closingCompletesEverySubscriberAndEveryLaterOne() {
        Broadcast<Integer> broadcast = new Broadcast<>(8);
        var subscriber = broadcast.subscribe();

        broadcast.close();

        StepVerifier.create(subscriber).verifyComplete();
        StepVerifier.create(broadcast.subscribe()).verifyComplete();
        StepVerifier.create(broadcast.closed()).verifyComplete();
        assertThat(broadcast.subscribers()).isZero();
    }
}
