package dev.gavel.core.auction;

import dev.gavel.bidding.bid.BidReceipt;
import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.block.Fork;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.core.admission.Strike;
import dev.gavel.core.admission.StrikeBook;
import dev.gavel.core.chain.ChainHeads;
import dev.gavel.core.chain.Inclusion;
import dev.gavel.core.chain.InclusionTracker;
import dev.gavel.core.chain.WonBlock;
import dev.gavel.core.escrow.CollateralBook;
import dev.gavel.core.intake.BidIntake;
import dev.gavel.core.intake.IntakeResult;
import dev.gavel.core.intake.Screening;
import dev.gavel.core.round.AcceptedBid;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundBook;
import dev.gavel.core.round.RoundResult;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the auctions: opens rounds on forkchoice updates, takes bids through intake and the journal,
 * closes rounds on getPayload and publishes outcomes once recorded. Plain Java; the Engine API, HTTP and
 * PostgreSQL sit behind it.
 */
public final class Auctioneer {
    private static final Logger log = LoggerFactory.getLogger(Auctioneer.class);
    /** How long a won block's inclusion is watched: well inside the 1,024 recent blocks ChainHeads keeps. */
    public static final long INCLUSION_WATCH_BLOCKS = 512;

    private static final Duration FIRST_RETRY = Duration.ofMillis(50);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final Clock clock;
    private final RoundBook rounds;
    private final BidIntake intake;
    private final ChainHeads heads;
    private final AuctionJournal journal;
    private final AuctionEvents events;
    private final InclusionTracker inclusion;
    private final CollateralBook collateral;
    private final Executor payloadEncoding;
    private final StrikeBook strikes;

    public Auctioneer(
            Clock clock,
            RoundBook rounds,
            BidIntake intake,
            ChainHeads heads,
            AuctionJournal journal,
            AuctionEvents events,
            CollateralBook collateral,
            StrikeBook strikes,
            Executor payloadEncoding) {
        this.clock = clock;
        this.rounds = rounds;
        this.intake = intake;
        this.heads = heads;
        this.journal = journal;
        this.events = events;
        this.collateral = collateral;
        this.strikes = strikes;
        this.payloadEncoding = payloadEncoding;
        this.inclusion = new InclusionTracker(heads, INCLUSION_WATCH_BLOCKS, new InclusionListener());
    }

    /**
     * Takes up, after a restart, what was recorded before it: every unresolved win is owed again (its builder's
     * escrow stands behind it until it is settled) and watched while its inclusion can still change, and the
     * strikes still in their window count again.
     */
    public void restore(List<RecordedWin> wins, List<Strike> recordedStrikes) {
        recordedStrikes.forEach(strikes::record);
        for (RecordedWin win : wins) {
            collateral.owe(win.won().roundId(), win.won().winner(), win.won().price());
            if (!win.submitted()) {
                inclusion.watch(win.won(), win.inclusion());
            }
        }
    }

    /** The rounds whose wins still hold their builders' escrow. */
    public Set<Long> unresolvedWins() {
        return collateral.unresolvedWins();
    }

    /** Wins settled or skipped on the chain: their escrow is free again (a settled price has left the balance). */
    public void winsResolved(Collection<Long> roundIds) {
        roundIds.forEach(collateral::winResolved);
    }

    /** A block the sequencer declared (engine_newPayload): it may decide whether won blocks were included. */
    public void blockDeclared(ChainHeads.Head head) {
        heads.record(head);
        inclusion.headsChanged();
        journal.headDeclared(head);
    }

    /** The sequencer's head and safe head (forkchoice update): only the safe chain makes a won block payable. */
    public void headChosen(Hash32 head, Hash32 safe) {
        heads.setHead(head);
        heads.setSafe(safe);
        inclusion.headsChanged();
        journal.headsChosen(head, safe);
    }

    /** Blocks the active instance declared (a standby following its chain): noted, not journaled again. */
    public void follow(List<ChainHeads.Head> declared) {
        declared.forEach(heads::record);
    }

    /** The head and safe head the active instance saw chosen (a standby following it): noted, not journaled again. */
    public void followChoice(Hash32 head, Hash32 safe) {
        heads.setHead(head);
        heads.setSafe(safe);
    }

    /**
     * Round ids continue after {@code lastRoundId}, the last one another instance recorded (a takeover), whatever
     * this clock says.
     */
    public void continueRoundsAfter(long lastRoundId) {
        rounds.continueAfter(lastRoundId);
    }

    /**
     * Drops the open rounds of an auctioneer deposed by another instance: it can no longer record them (the
     * instance that took over marks them aborted), nor may it answer for them.
     */
    public int abandonRounds() {
        return rounds.abandon();
    }

    /**
     * Opens (or finds) the round building on {@code parentHash}; empty when that block is unknown here.
     *
     * @throws IllegalArgumentException when the attributes do not fit the upgrade in force at their timestamp
     */
    public Optional<Round> openRound(Hash32 parentHash, PayloadAttributes attributes) {
        return heads.byHash(parentHash).filter(this::auctionsTheChildExPost).map(parent -> {
            RoundBook.Opening opening =
                    rounds.open(parentHash, parent.number(), parent.fees(), attributes, journal::roundOpened);
            if (opening.created()) {
                events.buildJobPublished(opening.round().buildJob());
            }
            return opening.round();
        });
    }

    /** An ex-ante block (the policy sells its slot before it starts) is not served yet: rollup-boost builds it. */
    private boolean auctionsTheChildExPost(ChainHeads.Head parent) {
        BlockNumber child = parent.number().next();
        if (rounds.auctionsExPost(child)) {
            return true;
        }
        log.warn(
                "block {} is ex-ante under its policy, which this Gavel does not serve yet: no round opens and"
                        + " rollup-boost builds the block locally",
                child);
        return false;
    }

    /** Evaluates one sealed bid; accepted bids are answered only once durable. */
    public CompletableFuture<BidVerdict> submitBid(byte[] body, BidEncoding encoding) {
        AtomicReference<CompletableFuture<Void>> durable = new AtomicReference<>();
        return answer(
                intake.evaluate(
                        body, encoding, clock.instant(), accepted -> durable.set(journal.bidAccepted(accepted))),
                durable);
    }

    /**
     * Judges a bid's header and its signature before its body is read past them: a refusal is final (and
     * recorded if the header was its admitted builder's own), a pass lets the transport read the rest.
     */
    public Screening screen(Bytes header, BidSignature signature, int bodyBytes) {
        Screening screening = intake.screen(header, signature, clock.instant(), bodyBytes);
        if (screening instanceof Screening.Refused refused) {
            journal.bidRejected(refused.result());
        }
        return screening;
    }

    /** Records that the transport turned an authenticated bid away before its body (its builder's limits). */
    public BidVerdict.Refused turnAway(Screening.Passed screened, Rejection rejection) {
        journal.bidRejected(screened.turnedAway(rejection));
        return new BidVerdict.Refused(rejection);
    }

    /** Evaluates the body of a bid whose header passed {@link #screen}; answered only once durable. */
    public CompletableFuture<BidVerdict> submitBid(Screening.Passed screened, byte[] body, BidEncoding encoding) {
        AtomicReference<CompletableFuture<Void>> durable = new AtomicReference<>();
        return answer(
                intake.evaluate(screened, body, encoding, accepted -> durable.set(journal.bidAccepted(accepted))),
                durable);
    }

    private CompletableFuture<BidVerdict> answer(
            IntakeResult result, AtomicReference<CompletableFuture<Void>> durable) {
        return switch (result) {
            case IntakeResult.Rejected rejected -> {
                journal.bidRejected(rejected);
                yield CompletableFuture.completedFuture(new BidVerdict.Refused(rejected.rejection()));
            }
            case IntakeResult.Accepted accepted ->
                durable.get()
                        .handle((ignored, failure) ->
                                failure == null ? acknowledge(accepted) : withdraw(accepted, failure));
        };
    }

    /**
     * A durable bid takes part in its round; if it now leads, its envelope is encoded for getPayload on
     * {@code payloadEncoding} (never on the writer's thread that completes durability, nor on the Engine API's).
     */
    private BidVerdict acknowledge(IntakeResult.Accepted accepted) {
        Round round = accepted.round();
        if (!round.confirmDurable(accepted.bid())) {
            return new BidVerdict.Refused(new Rejection(
                    RejectionCode.ROUND_CLOSED,
                    "round " + round.id() + " closed before the bid was recorded; it took no part"));
        }
        payloadEncoding.execute(() -> round.prepareIfLeading(accepted.bid()));
        return new BidVerdict.Accepted(new BidReceipt(
                accepted.bid().digest(), accepted.round().id(), accepted.bid().receivedAt()));
    }

    private BidVerdict withdraw(IntakeResult.Accepted accepted, Throwable failure) {
        boolean withdrawn = accepted.round().withdraw(accepted.bid());
        if (withdrawn) {
            collateral.release(
                    accepted.bid().builder(),
                    accepted.round().id(),
                    accepted.bid().value());
        }
        log.warn(
                "bid {} could not be recorded (withdrawn from round {}: {}): {}",
                accepted.bid().bidId(),
                accepted.round().id(),
                withdrawn,
                failure.toString());
        return new BidVerdict.Refused(
                new Rejection(RejectionCode.UNAVAILABLE, "the bid could not be recorded durably; retry"));
    }

    /** The upgrade in force at a block timestamp (seconds) of the auctioned chain. */
    public Fork forkAt(long timestamp) {
        return rounds.forkAt(timestamp);
    }

    /** The open round of {@code payloadId}, without closing it. */
    public Optional<Round> round(PayloadId payloadId) {
        return rounds.byPayloadId(payloadId);
    }

    /** Closes the round of {@code payloadId}: the result is returned at once, recorded and published after. */
    public Optional<RoundResult> closeRound(PayloadId payloadId) {
        Optional<RoundResult> result = rounds.close(payloadId);
        result.ifPresent(this::record);
        return result;
    }

    /** Closes the rounds whose payload nobody asked for within {@code grace} after their timestamp. */
    public List<RoundResult> expireRounds(Duration grace) {
        List<RoundResult> expired = rounds.expire(grace);
        expired.forEach(this::record);
        return expired;
    }

    /** A closed round's bids stop holding escrow; a winner the sequencer asked for owes its price until resolved. */
    private void record(RoundResult result) {
        boolean delivered = result.closing() == RoundResult.Closing.GET_PAYLOAD;
        collateral.roundClosed(
                result.round().id(),
                result.winner().filter(w -> delivered).map(AcceptedBid::builder),
                Optional.ofNullable(result.outcome().price()).filter(p -> delivered));
        record(result, 1);
    }

    /**
     * A won block that did not become canonical frees its price and is a strike against its winner: Gavel executes
     * nothing, so a block the sequencer refuses (a wrong state root, say) is known only by what the chain holds.
     */
    private final class InclusionListener implements InclusionTracker.Listener {
        @Override
        public void inclusionChanged(WonBlock won, Inclusion state, Hash32 canonical) {
            if (state == Inclusion.NOT_INCLUDED) {
                collateral.winResolved(won.roundId());
                Strike strike = new Strike(won.roundId(), won.winner(), won.number(), won.blockHash(), canonical);
                if (strikes.record(strike)) {
                    log.warn(
                            "builder {} won block {} (round {}) but the chain holds {} there: a strike",
                            won.winner(),
                            won.number(),
                            won.roundId(),
                            canonical);
                    journal.strikeRecorded(strike);
                }
            }
            journal.inclusionChanged(won.roundId(), state);
        }

        @Override
        public void undecided(WonBlock won) {
            log.warn(
                    "the inclusion of block {} won by {} (round {}) was not decided before the head left it behind;"
                            + " it stays pending and owed",
                    won.number(),
                    won.winner(),
                    won.roundId());
        }
    }

    /** An outcome is recorded, or its write is retried (backing off) until it is: a won block must be settled. */
    private void record(RoundResult result, int attempt) {
        journal.roundClosed(result).whenComplete((ignored, failure) -> {
            if (failure != null) {
                Duration wait = retryDelay(attempt);
                log.warn(
                        "outcome of round {} (block {}) was not recorded ({}); try {} in {} ms",
                        result.round().id(),
                        result.round().blockNumber(),
                        failure.toString(),
                        attempt + 1,
                        wait.toMillis());
                CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> record(result, attempt + 1));
            } else if (result.closing() == RoundResult.Closing.GET_PAYLOAD) {
                events.outcomeRecorded(result.outcome());
                inclusion.watch(result.outcome());
            }
        });
    }

    private static Duration retryDelay(int attempt) {
        long millis = FIRST_RETRY.toMillis() << Math.min(attempt - 1, 16);
        return Duration.ofMillis(Math.min(millis, LONGEST_RETRY.toMillis()));
    }

    public ChainHeads heads() {
        return heads;
    }

    public int openRounds() {
        return rounds.openRounds();
    }
}
