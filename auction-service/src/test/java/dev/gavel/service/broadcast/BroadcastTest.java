package dev.gavel.service.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

        StepVerifier.create(subscription.take(2)).expectNext(1, 2).verifyComplete();
    }

    @Test
    void aSubscriberThatFallsBehindIsCutOffWhileOthersKeepUp() {
        Broadcast<Integer> broadcast = new Broadcast<>(4);
        var slow = broadcast.subscribe();
        List<Integer> received = new CopyOnWriteArrayList<>();
        broadcast.subscribe().subscribe(received::add);

        for (int i = 0; i < 10; i++) {
            broadcast.publish(i);
        }

        assertThat(received).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        StepVerifier.create(slow)
                .expectNext(0, 1, 2, 3)
                .thenConsumeWhile(i -> i < 8)
                .expectError(SlowSubscriberException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(broadcast.subscribers()).isEqualTo(1);
    }
}
