package dev.gavel.service.broadcast;

import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.round.Outcome;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import java.time.Duration;
import java.time.Instant;
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
                        broadcasts.outcomeRecorded(outcome(1));
                        broadcasts.outcomeRecorded(outcome(2));
                    })
                    .expectNext("gavel-fanout 1", "gavel-fanout 2")
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));
        }
    }

    @Test
    void closingLetsEverySubscriberGo() {
        AuctionBroadcasts broadcasts = new AuctionBroadcasts(16);
        var jobs = broadcasts.buildJobs().subscribe();
        var outcomes = broadcasts.outcomes().subscribe();

        broadcasts.close();

        StepVerifier.create(jobs).expectComplete().verify(Duration.ofSeconds(5));
        StepVerifier.create(outcomes).expectComplete().verify(Duration.ofSeconds(5));
    }

    private static Outcome outcome(long round) {
        return new Outcome(
                round,
                BlockNumber.of(round),
                Hash32.fromHex("0x" + "0a".repeat(32)),
                PayloadId.fromHex("0x" + "01".repeat(8)),
                AuctionFormat.SECOND_PRICE,
                null,
                null,
                null,
                null,
                0,
                null,
                Instant.parse("2026-11-23T12:00:00Z"));
    }
}
