package dev.gavel.service.broadcast;

import dev.gavel.core.testing.AuctionFixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Events are fanned out on a thread of their own, never on the caller's (the Engine API's loop, the history writer). */
class AuctionBroadcastsTest {
    @Test
    void outcomesAreWrittenAndSentOnTheFanOutThreadInOrder() {
        try (AuctionBroadcasts broadcasts = new AuctionBroadcasts(16)) {
            var subscriber = broadcasts
                    .outcomes()
                    .subscribe()
                    .map(published -> Thread.currentThread().getName() + " "
                            + published.item().roundId());

            StepVerifier.create(subscriber.take(2))
                    .then(() -> {
                        broadcasts.outcomeRecorded(AuctionFixtures.unwonOutcome(1));
                        broadcasts.outcomeRecorded(AuctionFixtures.unwonOutcome(2));
                    })
                    .expectNext("gavel-fanout 1", "gavel-fanout 2")
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));
        }
    }

    @Test
    void closingLetsEverySubscriberGo() {
        AuctionBroadcasts broadcasts = new AuctionBroadcasts(16);
        var outcomes = broadcasts.outcomes().subscribe();

        broadcasts.close();

        StepVerifier.create(outcomes).expectComplete().verify(Duration.ofSeconds(5));
    }
}
