package dev.gavel.core.round;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.block.ChainSpec;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.fixtures.SteppingClock;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RoundBookTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Hash32 PARENT = Hash32.fromHex("0x" + "0a".repeat(32));
    private final SteppingClock clock = new SteppingClock(NOW);
    private final RoundBook book =
            new RoundBook(clock, block -> AuctionFixtures.policy(AuctionFormat.SECOND_PRICE, 0, 3), ChainSpec.LATEST);
    private final PayloadAttributes attributes =
            SimulatedBlocks.attributes(NOW.plusSeconds(1).getEpochSecond(), 5);

    @Test
    void theSameAttributesFindTheSameRound() {
        RoundBook.Opening first = book.open(PARENT, BlockNumber.of(41), attributes, r -> {});
        RoundBook.Opening again = book.open(PARENT, BlockNumber.of(41), attributes, r -> {});

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.round()).isSameAs(first.round());
        assertThat(first.round().blockNumber()).isEqualTo(BlockNumber.of(42));
        assertThat(first.round().bidDeadline()).isEqualTo(NOW.plusSeconds(1).minusMillis(100));
    }

    @Test
    void bidsAreRoutedByTheRoundsPayloadIdEvenWhenTwoRoundsShareAParent() {
        Round first = book.open(PARENT, BlockNumber.of(41), attributes, r -> {}).round();
        PayloadAttributes later =
                SimulatedBlocks.attributes(attributes.timestamp().value() + 1, 7);
        Round second = book.open(PARENT, BlockNumber.of(41), later, r -> {}).round();

        assertThat(book.route(first.payloadId())).isEqualTo(new RoundBook.Routing.Found(first));
        assertThat(book.route(second.payloadId())).isEqualTo(new RoundBook.Routing.Found(second));
        assertThat(book.route(PayloadId.fromHex("0x" + "00".repeat(8)))).isEqualTo(new RoundBook.Routing.NoRound());

        book.close(first.payloadId());

        assertThat(book.route(first.payloadId())).isEqualTo(new RoundBook.Routing.Closed(first.id()));
    }

    @Test
    void closingForgetsTheRoundAndAnswersOnce() {
        Round round = book.open(PARENT, BlockNumber.of(41), attributes, r -> {}).round();

        assertThat(book.close(round.payloadId())).isPresent();
        assertThat(book.close(round.payloadId())).isEmpty();
        assertThat(round.isClosed()).isTrue();
        assertThat(book.openRounds()).isZero();
    }

    @Test
    void roundsNobodyAskedForExpireAfterTheirGrace() {
        Round round = book.open(PARENT, BlockNumber.of(41), attributes, r -> {}).round();

        assertThat(book.expire(Duration.ofSeconds(2))).isEmpty();
        clock.advance(Duration.ofSeconds(4));
        assertThat(book.expire(Duration.ofSeconds(2)))
                .singleElement()
                .satisfies(result -> assertThat(result.closing()).isEqualTo(RoundResult.Closing.EXPIRED));
        assertThat(book.byPayloadId(round.payloadId())).isEmpty();
    }

    @Test
    void roundIdsIncreaseEvenWithinOneMillisecond() {
        long first = book.open(PARENT, BlockNumber.of(41), attributes, r -> {})
                .round()
                .id();
        long second = book.open(
                        PARENT,
                        BlockNumber.of(41),
                        SimulatedBlocks.attributes(NOW.plusSeconds(1).getEpochSecond(), 6),
                        r -> {})
                .round()
                .id();

        assertThat(second).isGreaterThan(first);
        assertThat(first).isEqualTo(NOW.toEpochMilli() * 1000);
    }

    @Test
    void roundIdsContinueAboveTheLastRecordedOneWhenTheClockSteppedBack() {
        long recordedAnHourAhead = NOW.plus(Duration.ofHours(1)).toEpochMilli() * 1000;
        RoundBook restarted = new RoundBook(
                clock,
                block -> AuctionFixtures.policy(AuctionFormat.SECOND_PRICE, 0, 3),
                ChainSpec.LATEST,
                recordedAnHourAhead);

        long first = restarted
                .open(PARENT, BlockNumber.of(41), attributes, r -> {})
                .round()
                .id();
        clock.advance(Duration.ofSeconds(1));
        long second = restarted
                .open(
                        PARENT,
                        BlockNumber.of(41),
                        SimulatedBlocks.attributes(NOW.plusSeconds(2).getEpochSecond(), 6),
                        r -> {})
                .round()
                .id();

        assertThat(first).isEqualTo(recordedAnHourAhead + 1);
        assertThat(second).isEqualTo(recordedAnHourAhead + 2);
    }
}
