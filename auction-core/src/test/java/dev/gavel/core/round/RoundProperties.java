package dev.gavel.core.round;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.SignedBid;
import dev.gavel.bidding.block.ChainSpec;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.fixtures.SteppingClock;
import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The auction rules over random sets of bids. */
class RoundProperties {
    private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");
    private static final Hash32 PARENT = Hash32.fromHex("0x" + "0a".repeat(32));

    record Offer(int builder, long value) {}

    private static final Gen<Offer> OFFER = Gen.combine(Gen.ints(0, 4), Gen.longs(0, 50), Offer::new);

    @Test
    void secondPriceWinnerIsTheHighestBidAndPaysTheBestOtherBuilderOrReserve() {
        Property.forAll(300, OFFER.list(0, 30), Gen.longs(0, 30), RoundProperties::secondPriceIsRight);
    }

    private static void secondPriceIsRight(List<Offer> offers, long reserve) {
        List<Offer> valid = offers.stream().filter(o -> o.value() >= reserve).toList();
        RoundResult result = auction(AuctionFormat.SECOND_PRICE, reserve, valid);

        if (valid.isEmpty()) {
            assertThat(result.outcome().hasWinner()).isFalse();
            return;
        }
        long highest = valid.stream().mapToLong(Offer::value).max().orElseThrow();
        Offer firstHighest =
                valid.stream().filter(o -> o.value() == highest).findFirst().orElseThrow();
        long bestOther = valid.stream()
                .filter(o -> o.builder() != firstHighest.builder())
                .mapToLong(Offer::value)
                .max()
                .orElse(0);

        assertThat(result.outcome().winner()).isEqualTo(builder(firstHighest.builder()));
        assertThat(result.outcome().bidValue()).isEqualTo(Wei.of(highest));
        assertThat(result.outcome().price()).isEqualTo(Wei.of(Math.max(bestOther, reserve)));
        assertThat(result.outcome().price())
                .isLessThanOrEqualTo(result.outcome().bidValue());
        assertThat(result.outcome().price()).isGreaterThanOrEqualTo(Wei.of(reserve));
        result.runnerUp()
                .ifPresent(r ->
                        assertThat(r.builder()).isNotEqualTo(result.outcome().winner()));
    }

    @Test
    void firstPriceWinnerPaysItsBidAndTiesGoToTheEarliest() {
        Property.forAll(300, OFFER.list(1, 30), RoundProperties::firstPriceIsRight);
    }

    private static void firstPriceIsRight(List<Offer> offers) {
        RoundResult result = auction(AuctionFormat.FIRST_PRICE, 0, offers);
        long highest = offers.stream().mapToLong(Offer::value).max().orElseThrow();
        int earliest = offers.indexOf(
                offers.stream().filter(o -> o.value() == highest).findFirst().orElseThrow());

        assertThat(result.outcome().price()).isEqualTo(Wei.of(highest));
        assertThat(result.winner().orElseThrow().arrival()).isEqualTo(earliest);
        assertThat(result.outcome().bidCount()).isEqualTo(offers.size());
    }

    @Test
    void noBuilderGetsMoreThanItsLimitIn() {
        Property.forAll(200, OFFER.list(0, 30), RoundProperties::limitHolds);
    }

    private static void limitHolds(List<Offer> offers) {
        int limit = 2;
        Round round = openRound(AuctionFormat.FIRST_PRICE, 0, limit, new SteppingClock(START));
        for (int i = 0; i < offers.size(); i++) {
            AcceptedBid bid = accepted(offers.get(i), i);
            if (round.admit(bid, () -> {}).isEmpty()) {
                round.confirmDurable(bid);
            }
        }
        Map<Address, Long> perBuilder = round.close(START, RoundResult.Closing.GET_PAYLOAD).bids().stream()
                .collect(Collectors.groupingBy(AcceptedBid::builder, Collectors.counting()));

        assertThat(perBuilder.values()).allMatch(count -> count <= limit);
    }

    @Test
    void aBuildersLowerBidNeverBecomesTheRunnerUp() {
        Property.forAll(100, Gen.longs(1, 1000), Gen.longs(0, 999), (high, low) -> {
            RoundResult result = auction(
                    AuctionFormat.SECOND_PRICE, 0, List.of(new Offer(0, high), new Offer(0, Math.min(low, high))));

            assertThat(result.runnerUp()).isEmpty();
            assertThat(result.outcome().price()).isEqualTo(Wei.ZERO);
        });
    }

    static RoundResult auction(AuctionFormat format, long reserve, List<Offer> offers) {
        Round round = openRound(format, reserve, 1_000, new SteppingClock(START));
        for (int i = 0; i < offers.size(); i++) {
            AcceptedBid bid = accepted(offers.get(i), i);
            assertThat(round.admit(bid, () -> {})).isEmpty();
            assertThat(round.confirmDurable(bid)).isTrue();
        }
        return round.close(START, RoundResult.Closing.GET_PAYLOAD);
    }

    static Round openRound(AuctionFormat format, long reserve, int limit, SteppingClock clock) {
        RoundBook book =
                new RoundBook(clock, block -> AuctionFixtures.policy(format, reserve, limit), ChainSpec.LATEST);
        return book.open(
                        PARENT,
                        BlockNumber.of(99),
                        SimulatedBlocks.attributes(START.plusSeconds(2).getEpochSecond(), 1),
                        r -> {})
                .round();
    }

    static AcceptedBid accepted(Offer offer, long arrival) {
        Bid bid = new Bid(
                BlockNumber.of(100),
                PARENT,
                Hash32.of(uniqueBytes(arrival)),
                Wei.of(offer.value()),
                builder(offer.builder()));
        return new AcceptedBid(
                UUID.randomUUID(),
                arrival,
                START,
                Hash32.of(uniqueBytes(arrival)),
                new SignedBid(bid, BidSignature.of(new byte[65])),
                null);
    }

    static Address builder(int index) {
        return AuctionFixtures.address(AuctionFixtures.builderKey(index));
    }

    private static byte[] uniqueBytes(long seed) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (seed >>> (8 * i));
        }
        return bytes;
    }
}
