package dev.gavel.service.ops;

import dev.gavel.core.admission.Strike;
import dev.gavel.core.auction.AuctionJournal;
import dev.gavel.core.chain.ChainHeads;
import dev.gavel.core.chain.Inclusion;
import dev.gavel.core.intake.IntakeResult;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundResult;
import dev.gavel.primitives.Hash32;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** An {@link AuctionJournal} that also counts what passes through it: bids by result, rounds by how they closed. */
public final class MetricRecordingAuctionJournal implements AuctionJournal {
    private final AuctionJournal delegate;
    private final MeterRegistry registry;
    private final DistributionSummary intakeMicros;
    private final JunkSampler junk;

    public MetricRecordingAuctionJournal(AuctionJournal delegate, MeterRegistry registry, Clock clock) {
        this.delegate = delegate;
        this.registry = registry;
        this.junk = new JunkSampler(clock, Duration.ofSeconds(1));
        this.intakeMicros = DistributionSummary.builder("gavel.bid.intake")
                .description("CPU time of intake per accepted bid")
                .baseUnit("microseconds")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    @Override
    public void roundOpened(Round round) {
        registry.counter("gavel.rounds.opened").increment();
        delegate.roundOpened(round);
    }

    @Override
    public CompletableFuture<Void> bidAccepted(IntakeResult.Accepted accepted) {
        registry.counter("gavel.bids", "result", "accepted", "sender", "admitted")
                .increment();
        intakeMicros.record(accepted.timings().totalMicros());
        return delegate.bidAccepted(accepted);
    }

    @Override
    public void bidRejected(IntakeResult.Rejected rejected) {
        registry.counter(
                        "gavel.bids",
                        "result",
                        rejected.rejection().code().name(),
                        "sender",
                        rejected.fromAdmittedBuilder() ? "admitted" : "unauthenticated")
                .increment();
        if (!rejected.fromAdmittedBuilder()) {
            junk.sample(rejected);
        }
        delegate.bidRejected(rejected);
    }

    @Override
    public void inclusionChanged(long roundId, Inclusion inclusion) {
        registry.counter("gavel.outcomes.inclusion", "state", inclusion.name().toLowerCase(Locale.ROOT))
                .increment();
        delegate.inclusionChanged(roundId, inclusion);
    }

    @Override
    public void headDeclared(ChainHeads.Head head) {
        delegate.headDeclared(head);
    }

    @Override
    public void headsChosen(Hash32 head, Hash32 safe) {
        delegate.headsChosen(head, safe);
    }

    @Override
    public void strikeRecorded(Strike strike) {
        registry.counter("gavel.strikes").increment();
        delegate.strikeRecorded(strike);
    }

    @Override
    public CompletableFuture<Void> roundClosed(RoundResult result) {
        registry.counter(
                        "gavel.rounds.closed",
                        "closing",
                        result.closing().name().toLowerCase(Locale.ROOT),
                        "winner",
                        Boolean.toString(result.outcome().hasWinner()))
                .increment();
        return delegate.roundClosed(result);
    }
}
