package dev.gavel.core.testing;

import dev.gavel.bidding.round.Outcome;
import dev.gavel.core.admission.Strike;
import dev.gavel.core.auction.AuctionJournal;
import dev.gavel.core.auction.OutcomeHistory;
import dev.gavel.core.chain.ChainHeads;
import dev.gavel.core.chain.Inclusion;
import dev.gavel.core.intake.IntakeResult;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundResult;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The auction's history in memory, for unit tests: what the service writes to PostgreSQL. Writes are durable
 * at once unless a test fails them ({@link #failBidWrites}, {@link #failOutcomeWrites}) or holds bid writes
 * back ({@link #holdBidWrites}), as a database outage or stall would.
 */
public final class InMemoryAuctionJournal implements AuctionJournal, OutcomeHistory {
    public final List<Round> rounds = new CopyOnWriteArrayList<>();
    public final List<IntakeResult.Accepted> accepted = new CopyOnWriteArrayList<>();
    public final List<IntakeResult.Rejected> rejected = new CopyOnWriteArrayList<>();
    public final List<RoundResult> closed = new CopyOnWriteArrayList<>();
    public final Map<Long, Inclusion> inclusion = new ConcurrentHashMap<>();
    public final List<ChainHeads.Head> heads = new CopyOnWriteArrayList<>();
    public final List<List<Hash32>> forkchoices = new CopyOnWriteArrayList<>();
    public final List<Strike> strikes = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger outcomeFailures = new AtomicInteger();
    private volatile boolean failBidWrites;
    private volatile boolean holdBidWrites;

    public void failBidWrites(boolean fail) {
        failBidWrites = fail;
    }

    /** Bid writes stay pending until {@link #releaseHeldBidWrites()}, as in a database stall. */
    public void holdBidWrites() {
        holdBidWrites = true;
    }

    public void releaseHeldBidWrites() {
        holdBidWrites = false;
        held.forEach(write -> write.complete(null));
    }

    /** The next {@code times} outcome writes fail. */
    public void failOutcomeWrites(int times) {
        outcomeFailures.set(times);
    }

    @Override
    public void roundOpened(Round round) {
        rounds.add(round);
    }

    @Override
    public CompletableFuture<Void> bidAccepted(IntakeResult.Accepted bid) {
        if (failBidWrites) {
            return CompletableFuture.failedFuture(new IllegalStateException("the database is down"));
        }
        accepted.add(bid);
        if (holdBidWrites) {
            CompletableFuture<Void> write = new CompletableFuture<>();
            held.add(write);
            return write;
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void bidRejected(IntakeResult.Rejected bid) {
        rejected.add(bid);
    }

    @Override
    public CompletableFuture<Void> roundClosed(RoundResult result) {
        if (outcomeFailures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("the database is down"));
        }
        closed.add(result);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void inclusionChanged(long roundId, Inclusion state) {
        inclusion.put(roundId, state);
    }

    @Override
    public void headDeclared(ChainHeads.Head head) {
        heads.add(head);
    }

    @Override
    public void headsChosen(Hash32 head, Hash32 safe) {
        forkchoices.add(List.of(head, safe));
    }

    @Override
    public void strikeRecorded(Strike strike) {
        strikes.add(strike);
    }

    @Override
    public List<Outcome> outcomesFrom(BlockNumber fromBlock, long afterRoundId, int limit) {
        return closed.stream()
                .map(RoundResult::outcome)
                .filter(o -> o.blockNumber().compareTo(fromBlock) >= 0 && o.roundId() > afterRoundId)
                .sorted(Comparator.comparingLong(Outcome::roundId))
                .limit(limit)
                .toList();
    }
}
