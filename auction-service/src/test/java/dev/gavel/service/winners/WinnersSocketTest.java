package dev.gavel.service.winners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.round.Outcome;
import dev.gavel.core.auction.OutcomeHistory;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.service.broadcast.Broadcast;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The winners stream over an in-memory history: the replay, then live, with no gap and no duplicate. */
class WinnersSocketTest {
    private final List<Outcome> recorded = new CopyOnWriteArrayList<>();
    private final List<String> readingThreads = new CopyOnWriteArrayList<>();
    private final OutcomeHistory history = (from, afterRoundId, limit) -> {
        readingThreads.add(Thread.currentThread().getName());
        return recorded.stream()
                .filter(o -> o.blockNumber().compareTo(from) >= 0 && o.roundId() > afterRoundId)
                .limit(limit)
                .toList();
    };
    private final Broadcast<Outcome> live = new Broadcast<>(16);
    private final Scheduler replays = Schedulers.newBoundedElastic(1, 16, "replay-pool");
    private final WinnersSocket socket = new WinnersSocket(live, history, replays);

    @AfterEach
    void disposeReplays() {
        replays.dispose();
    }

    @Test
    void aReplayCrossesPagesThenContinuesLiveWithoutRepeatingWhatItReplayed() {
        LongStream.rangeClosed(1, 2_500).forEach(round -> recorded.add(AuctionFixtures.unwonOutcome(round)));

        StepVerifier.create(socket.outcomes(Optional.of(BlockNumber.of(1_000)))
                        .map(published -> published.item().roundId()))
                .expectNextSequence(LongStream.rangeClosed(1_000, 2_500).boxed().toList())
                .then(() -> {
                    live.publish(AuctionFixtures.unwonOutcome(2_500));
                    live.publish(AuctionFixtures.unwonOutcome(2_501));
                })
                .expectNext(2_501L)
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    /** The history is read with blocking JDBC: never on the event loop that subscribes, only on the replay pool. */
    @Test
    void everyReplayPageIsReadOnTheReplayPool() {
        LongStream.rangeClosed(1, 2_100).forEach(round -> recorded.add(AuctionFixtures.unwonOutcome(round)));

        StepVerifier.create(socket.outcomes(Optional.of(BlockNumber.of(1))).take(2_100))
                .expectNextCount(2_100)
                .verifyComplete();

        assertThat(readingThreads)
                .hasSize(3)
                .allSatisfy(name -> assertThat(name).startsWith("replay-pool"));
    }

    @Test
    void withoutFromBlockOnlyLiveOutcomesArrive() {
        recorded.add(AuctionFixtures.unwonOutcome(1));

        StepVerifier.create(socket.outcomes(Optional.empty())
                        .map(published -> published.item().roundId()))
                .then(() -> live.publish(AuctionFixtures.unwonOutcome(2)))
                .expectNext(2L)
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }
}
