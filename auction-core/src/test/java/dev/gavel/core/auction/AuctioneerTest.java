package dev.gavel.core.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.block.ChainSpec;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.seal.AuctionKeyPair;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.admission.Strike;
import dev.gavel.core.admission.StrikeBook;
import dev.gavel.core.chain.ChainHeads;
import dev.gavel.core.chain.Inclusion;
import dev.gavel.core.chain.WonBlock;
import dev.gavel.core.escrow.CollateralBook;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundBook;
import dev.gavel.core.round.RoundResult;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.core.testing.InMemoryAuctionJournal;
import dev.gavel.core.testing.InMemoryBuilderDirectory;
import dev.gavel.core.testing.RecordingAuctionEvents;
import dev.gavel.fixtures.SteppingClock;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/** The auctioneer over its ports' in-memory fakes: what it records, publishes and answers, in order. */
class AuctioneerTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Hash32 PARENT = Hash32.fromHex("0x" + "0a".repeat(32));
    private final SteppingClock clock = new SteppingClock(NOW);
    private final AuctionKeyPair auctionKey = AuctionKeyPair.generate(1);
    private final ECKeyPair alice = AuctionFixtures.builderKey(0);
    private final ECKeyPair bob = AuctionFixtures.builderKey(1);
    private final InMemoryAuctionJournal journal = new InMemoryAuctionJournal();
    private final RecordingAuctionEvents events = new RecordingAuctionEvents();
    private final RoundBook rounds =
            new RoundBook(clock, block -> AuctionFixtures.policy(AuctionFormat.SECOND_PRICE, 10, 2), ChainSpec.LATEST);
    private final InMemoryBuilderDirectory directory =
            new InMemoryBuilderDirectory().admit(AuctionFixtures.address(alice)).admit(AuctionFixtures.address(bob));
    private final CollateralBook collateral = new CollateralBook();
    private final StrikeBook strikes = AuctionFixtures.strikes();
    private final Auctioneer auctioneer = auctioneer(Runnable::run);
    private final PayloadAttributes attributes =
            SimulatedBlocks.attributes(NOW.plusSeconds(2).getEpochSecond(), 7);

    @Test
    void anUnknownParentOpensNoRound() {
        assertThat(auctioneer.openRound(PARENT, attributes)).isEmpty();
        assertThat(journal.rounds).isEmpty();
        assertThat(events.jobs).isEmpty();
    }

    @Test
    void anExAnteBlockOpensNoRoundSoRollupBoostBuildsItLocally() {
        RoundBook exAnte =
                new RoundBook(clock, block -> AuctionFixtures.policy(AuctionFormat.EX_ANTE, 10, 2), ChainSpec.LATEST);
        Auctioneer auctioneer = auctioneer(exAnte, Runnable::run);
        declareParent(auctioneer);

        assertThat(auctioneer.openRound(PARENT, attributes)).isEmpty();
        assertThat(journal.rounds).isEmpty();
        assertThat(events.jobs).isEmpty();
    }

    @Test
    void aRoundIsRecordedAndItsJobPublishedOnce() {
        declareParent();

        Round round = auctioneer.openRound(PARENT, attributes).orElseThrow();
        auctioneer.openRound(PARENT, attributes);

        assertThat(journal.rounds).containsExactly(round);
        assertThat(events.jobs)
                .singleElement()
                .satisfies(job -> assertThat(job.roundId()).isEqualTo(round.id()));
    }

    @Test
    void theLeadingDurableBidIsEncodedBeforeCloseAndOnlyTheWinnersBytesAreKept() {
        List<Runnable> encodings = new ArrayList<>();
        Auctioneer deferred = auctioneer(encodings::add);
        declareParent(deferred);
        Round round = deferred.openRound(PARENT, attributes).orElseThrow();

        deferred.submitBid(body(bob, 60, 1), BidEncoding.JSON).join();
        deferred.submitBid(body(alice, 100, 2), BidEncoding.JSON).join();
        deferred.submitBid(body(bob, 70, 3), BidEncoding.JSON).join();
        encodings.forEach(Runnable::run);
        RoundResult result = deferred.closeRound(round.payloadId()).orElseThrow();

        assertThat(encodings).as("one encoding handed off per durable bid").hasSize(3);
        assertThat(result.encodedWinner())
                .hasValueSatisfying(bytes -> assertThat(bytes)
                        .isEqualTo(WireJson.write(
                                result.winner().orElseThrow().envelope().asV4())));
        assertThat(result.outcome().winner()).isEqualTo(AuctionFixtures.address(alice));
    }

    @Test
    void aWinnerNotYetEncodedAtCloseHasNoBytes() {
        Auctioneer neverEncodes = auctioneer(encoding -> {});
        declareParent(neverEncodes);
        Round round = neverEncodes.openRound(PARENT, attributes).orElseThrow();
        neverEncodes.submitBid(body(alice, 100, 2), BidEncoding.JSON).join();

        RoundResult result = neverEncodes.closeRound(round.payloadId()).orElseThrow();

        assertThat(result.winner()).isPresent();
        assertThat(result.encodedWinner()).isEmpty();
    }

    @Test
    void bidsAreAnsweredOnceDurableAndTheOutcomeIsPublishedAfterItIsRecorded() {
        declareParent();
        Round round = auctioneer.openRound(PARENT, attributes).orElseThrow();

        BidVerdict aliceVerdict = submit(alice, 100, 1);
        BidVerdict bobVerdict = submit(bob, 60, 2);
        BidVerdict refused = submit(bob, 5, 3);
        RoundResult result = auctioneer.closeRound(round.payloadId()).orElseThrow();

        assertThat(aliceVerdict).isInstanceOf(BidVerdict.Accepted.class);
        assertThat(bobVerdict).isInstanceOf(BidVerdict.Accepted.class);
        assertThat(refused)
                .isInstanceOfSatisfying(
                        BidVerdict.Refused.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(RejectionCode.BELOW_RESERVE));
        assertThat(journal.accepted).hasSize(2);
        assertThat(journal.rejected).hasSize(1);
        assertThat(result.outcome().winner()).isEqualTo(AuctionFixtures.address(alice));
        assertThat(result.outcome().price()).isEqualTo(Wei.of(60));
        assertThat(journal.closed).containsExactly(result);
        assertThat(events.outcomes).containsExactly(result.outcome());
        assertThat(journal.outcomesFrom(round.blockNumber(), 0, 10)).containsExactly(result.outcome());
    }

    @Test
    void aBidThatCannotBeMadeDurableIsRefusedAndNeverWins() {
        declareParent();
        Round round = auctioneer.openRound(PARENT, attributes).orElseThrow();
        journal.failBidWrites(true);

        BidVerdict verdict = submit(alice, 100, 1);
        RoundResult result = auctioneer.closeRound(round.payloadId()).orElseThrow();

        assertThat(verdict)
                .isInstanceOfSatisfying(
                        BidVerdict.Refused.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(RejectionCode.UNAVAILABLE));
        assertThat(result.outcome().hasWinner()).isFalse();
        assertThat(result.bids()).isEmpty();
    }

    @Test
    void aBidNotYetDurableWhenTheRoundClosesTakesNoPartAndIsNotAcknowledged() {
        declareParent();
        Round round = auctioneer.openRound(PARENT, attributes).orElseThrow();
        journal.holdBidWrites();

        CompletableFuture<BidVerdict> stalled = auctioneer.submitBid(body(alice, 100, 1), BidEncoding.JSON);
        RoundResult result = auctioneer.closeRound(round.payloadId()).orElseThrow();
        journal.releaseHeldBidWrites();

        assertThat(result.outcome().hasWinner())
                .as("an unacknowledged bid never wins")
                .isFalse();
        assertThat(stalled.join())
                .isInstanceOfSatisfying(
                        BidVerdict.Refused.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(RejectionCode.ROUND_CLOSED));
    }

    @Test
    void anOutcomeWhoseWriteFailsIsRetriedUntilRecordedThenPublished() throws InterruptedException {
        declareParent();
        Round round = auctioneer.openRound(PARENT, attributes).orElseThrow();
        submit(alice, 100, 1);
        journal.failOutcomeWrites(3);

        RoundResult result = auctioneer.closeRound(round.payloadId()).orElseThrow();
        for (int waited = 0; journal.closed.isEmpty() && waited < 100; waited++) {
            Thread.sleep(50);
        }

        assertThat(journal.closed).containsExactly(result);
        assertThat(events.outcomes).containsExactly(result.outcome());
    }

    @Test
    void aWinHoldsItsPriceOfEscrowUntilItIsResolved() {
        directory.withEscrow(AuctionFixtures.address(alice), Wei.of(150));
        declareParent();
        Round first = auctioneer.openRound(PARENT, attributes).orElseThrow();
        submit(alice, 100, 1);
        submit(bob, 60, 2);
        auctioneer.closeRound(first.payloadId());
        PayloadAttributes next =
                SimulatedBlocks.attributes(attributes.timestamp().value() + 1, 8);
        Round second = auctioneer.openRound(PARENT, next).orElseThrow();

        BidVerdict beyond = auctioneer
                .submitBid(
                        WireJson.write(
                                AuctionFixtures.sealedBid(auctionKey, alice, BlockNumber.of(42), PARENT, next, 91, 3)),
                        BidEncoding.JSON)
                .join();
        BidVerdict within = auctioneer
                .submitBid(
                        WireJson.write(
                                AuctionFixtures.sealedBid(auctionKey, alice, BlockNumber.of(42), PARENT, next, 90, 4)),
                        BidEncoding.JSON)
                .join();

        assertThat(collateral.committed(AuctionFixtures.address(alice), second.id()))
                .as("the second price of the first round, owed until settled")
                .isEqualTo(Wei.of(60));
        assertThat(beyond)
                .isInstanceOfSatisfying(
                        BidVerdict.Refused.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(RejectionCode.INSUFFICIENT_ESCROW));
        assertThat(within).isInstanceOf(BidVerdict.Accepted.class);
    }

    @Test
    void aWonBlockBecomesPayableWhenTheSequencerMakesItTheSafeHead() {
        declareParent();
        Round round = auctioneer.openRound(PARENT, attributes).orElseThrow();
        submit(alice, 100, 1);
        RoundResult result = auctioneer.closeRound(round.payloadId()).orElseThrow();
        Hash32 won = result.outcome().blockHash();

        auctioneer.blockDeclared(new ChainHeads.Head(
                won, round.blockNumber(), PARENT, attributes.timestamp().value()));
        auctioneer.headChosen(won, won);

        assertThat(journal.inclusion).containsEntry(round.id(), Inclusion.PAYABLE);
    }

    @Test
    void theChainTheSequencerDeclaresIsJournaledForAStandby() {
        declareParent();
        auctioneer.headChosen(PARENT, PARENT);

        assertThat(journal.heads).extracting(ChainHeads.Head::hash).containsExactly(PARENT);
        assertThat(journal.forkchoices).containsExactly(java.util.List.of(PARENT, PARENT));
    }

    @Test
    void aStandbyFollowingTheActiveOnesChainOpensTheFirstRoundAfterTakingOverWithoutJournalingItAgain() {
        ChainHeads.Head parent = new ChainHeads.Head(
                PARENT, BlockNumber.of(41), Hash32.fromHex("0x" + "09".repeat(32)), NOW.getEpochSecond());

        auctioneer.follow(java.util.List.of(parent));
        auctioneer.followChoice(PARENT, PARENT);

        assertThat(journal.heads).isEmpty();
        assertThat(journal.forkchoices).isEmpty();
        assertThat(auctioneer.heads().latest()).hasValue(parent);
        assertThat(auctioneer.openRound(PARENT, attributes)).isPresent();
    }

    @Test
    void aTakeoverContinuesTheRoundIdsAndDecidesTheWinsTheInstanceBeforeLeftUndecided() {
        declareParent();
        long earlierRound = Math.multiplyExact(NOW.plusSeconds(3_600).toEpochMilli(), 1000L);
        Hash32 won = Hash32.fromHex("0x" + "0b".repeat(32));

        auctioneer.continueRoundsAfter(earlierRound);
        auctioneer.restore(
                java.util.List.of(new RecordedWin(
                        new WonBlock(
                                earlierRound - 5, BlockNumber.of(42), won, AuctionFixtures.address(alice), Wei.of(100)),
                        Inclusion.PENDING,
                        false)),
                java.util.List.of());
        Round round = auctioneer.openRound(PARENT, attributes).orElseThrow();
        auctioneer.blockDeclared(new ChainHeads.Head(won, BlockNumber.of(42), PARENT, NOW.getEpochSecond() + 2));
        auctioneer.headChosen(won, won);

        assertThat(round.id())
                .as("ids continue past the last one recorded, however the clock stands")
                .isGreaterThan(earlierRound);
        assertThat(journal.inclusion).containsEntry(earlierRound - 5, Inclusion.PAYABLE);
    }

    @Test
    void aDeposedAuctioneerDropsItsOpenRoundsWithoutRecordingThem() {
        declareParent();
        Round round = auctioneer.openRound(PARENT, attributes).orElseThrow();
        submit(alice, 100, 1);

        assertThat(auctioneer.abandonRounds()).isEqualTo(1);

        assertThat(auctioneer.openRounds()).isZero();
        assertThat(auctioneer.closeRound(round.payloadId())).isEmpty();
        assertThat(journal.closed).isEmpty();
    }

    @Test
    void aWonBlockTheSafeChainReplacedIsAStrikeRecordedWithTheBlockAndFreesItsPrice() {
        declareParent();
        Round round = auctioneer.openRound(PARENT, attributes).orElseThrow();
        submit(alice, 100, 1);
        RoundResult result = auctioneer.closeRound(round.payloadId()).orElseThrow();
        Hash32 sequencers = Hash32.fromHex("0x" + "5e".repeat(32));

        auctioneer.blockDeclared(new ChainHeads.Head(
                sequencers, round.blockNumber(), PARENT, attributes.timestamp().value()));
        auctioneer.headChosen(sequencers, sequencers);
        auctioneer.headChosen(sequencers, sequencers);

        assertThat(journal.inclusion).containsEntry(round.id(), Inclusion.NOT_INCLUDED);
        assertThat(journal.strikes)
                .as("one strike, however often the head is chosen again")
                .containsExactly(new Strike(
                        round.id(),
                        AuctionFixtures.address(alice),
                        round.blockNumber(),
                        result.outcome().blockHash(),
                        sequencers));
        assertThat(auctioneer.unresolvedWins()).isEmpty();
    }

    @Test
    void strikesRecordedBeforeARestartStillSuspendTheBuilder() {
        Address aliceAddress = AuctionFixtures.address(alice);
        auctioneer.restore(
                List.of(),
                List.of(
                        AuctionFixtures.strike(1, aliceAddress, 39),
                        AuctionFixtures.strike(2, aliceAddress, 40),
                        AuctionFixtures.strike(3, aliceAddress, 41)));
        declareParent();
        auctioneer.openRound(PARENT, attributes).orElseThrow();

        assertThat(submit(alice, 100, 1)).isInstanceOfSatisfying(BidVerdict.Refused.class, r -> {
            assertThat(r.rejection().code()).isEqualTo(RejectionCode.SUSPENDED);
            assertThat(r.rejection().message()).contains("until block 139", "39, 40, 41");
        });
        assertThat(submit(bob, 100, 2)).isInstanceOf(BidVerdict.Accepted.class);
    }

    @Test
    void winsRecordedBeforeARestartHoldEscrowAndArePendingOnesWatchedUntilDecided() {
        Address aliceAddress = AuctionFixtures.address(alice);
        directory.withEscrow(aliceAddress, Wei.of(150));
        Hash32 wonHash = Hash32.fromHex("0x" + "77".repeat(32));
        WonBlock pending = new WonBlock(7, BlockNumber.of(41), PARENT, aliceAddress, Wei.of(50));
        WonBlock submitted = new WonBlock(6, BlockNumber.of(40), wonHash, aliceAddress, Wei.of(60));

        auctioneer.restore(
                List.of(
                        new RecordedWin(pending, Inclusion.PENDING, false),
                        new RecordedWin(submitted, Inclusion.PAYABLE, true)),
                List.of());
        declareParent();
        Round round = auctioneer.openRound(PARENT, attributes).orElseThrow();

        assertThat(collateral.committed(aliceAddress, round.id())).isEqualTo(Wei.of(110));
        assertThat(submit(alice, 41, 1))
                .isInstanceOfSatisfying(
                        BidVerdict.Refused.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(RejectionCode.INSUFFICIENT_ESCROW));
        auctioneer.headChosen(PARENT, PARENT);
        assertThat(journal.inclusion)
                .as("the pending win is decided once its block is safe; the submitted one is the chain's to settle")
                .containsOnly(Map.entry(7L, Inclusion.PAYABLE));

        auctioneer.winsResolved(List.of(6L, 7L));

        assertThat(auctioneer.unresolvedWins()).isEmpty();
        assertThat(submit(alice, 150, 2)).isInstanceOf(BidVerdict.Accepted.class);
    }

    private void declareParent() {
        declareParent(auctioneer);
    }

    private static void declareParent(Auctioneer auctioneer) {
        auctioneer.blockDeclared(new ChainHeads.Head(
                PARENT, BlockNumber.of(41), Hash32.fromHex("0x" + "09".repeat(32)), NOW.getEpochSecond()));
    }

    /** An Auctioneer over this test's round book, journal and events, encoding getPayload's bytes on {@code encoding}. */
    private Auctioneer auctioneer(Executor payloadEncoding) {
        return auctioneer(rounds, payloadEncoding);
    }

    private Auctioneer auctioneer(RoundBook rounds, Executor payloadEncoding) {
        return new Auctioneer(
                clock,
                rounds,
                AuctionFixtures.intake(rounds, directory, auctionKey, collateral, strikes),
                new ChainHeads(64),
                journal,
                events,
                collateral,
                strikes,
                payloadEncoding);
    }

    private BidVerdict submit(ECKeyPair builder, long value, long seed) {
        return auctioneer
                .submitBid(body(builder, value, seed), BidEncoding.JSON)
                .join();
    }

    private byte[] body(ECKeyPair builder, long value, long seed) {
        return WireJson.write(
                AuctionFixtures.sealedBid(auctionKey, builder, BlockNumber.of(42), PARENT, attributes, value, seed));
    }
}
