package dev.gavel.service.ops;

import dev.gavel.core.admission.Strike;
import dev.gavel.core.auction.AuctionJournal;
import dev.gavel.core.chain.ChainHeads;
import dev.gavel.core.chain.Inclusion;
import dev.gavel.core.intake.IntakeResult;
import dev.gavel.core.intake.StageTimings;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundResult;
import dev.gavel.primitives.Hash32;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An {@link AuctionJournal} that also counts what passes through it: bids by result, rounds by how they closed,
 * and each accepted bid's time in each intake stage ({@code gavel_bid_intake_stage_seconds} by {@code stage}: {@code
 * decode}, {@code route}, {@code open} (HPKE decryption), {@code verify} (signature), {@code check}, as the
 * history's per-stage columns, and {@code durable}: from acceptance until its history row is committed).
 */
public final class MetricRecordingAuctionJournal implements AuctionJournal {
    private final AuctionJournal delegate;
    private final MeterRegistry registry;
    private final Map<StageTimings.Stage, Timer> stages = new EnumMap<>(StageTimings.Stage.class);
    private final Timer durable;
    private final JunkSampler junk;

    public MetricRecordingAuctionJournal(AuctionJournal delegate, MeterRegistry registry, Clock clock) {
        this.delegate = delegate;
        this.registry = registry;
        this.junk = new JunkSampler(clock, Duration.ofSeconds(1));
        for (StageTimings.Stage stage : StageTimings.Stage.values()) {
            stages.put(stage, stageTimer(stage.name().toLowerCase(Locale.ROOT)));
        }
        this.durable = stageTimer("durable");
    }

    private Timer stageTimer(String stage) {
        return Timer.builder("gavel.bid.intake.stage")
                .description("an accepted bid's time in each intake stage, and until its history row is committed")
                .tag("stage", stage)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
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
        StageTimings timings = accepted.timings();
        record(StageTimings.Stage.DECODE, timings.decodeMicros());
        record(StageTimings.Stage.ROUTE, timings.routeMicros());
        record(StageTimings.Stage.OPEN, timings.openMicros());
        record(StageTimings.Stage.VERIFY, timings.verifyMicros());
        record(StageTimings.Stage.CHECK, timings.checkMicros());
        long start = System.nanoTime();
        CompletableFuture<Void> recorded = delegate.bidAccepted(accepted);
        // a side branch: the caller gets the journal's own future, its failure unwrapped
        recorded.thenRun(() -> durable.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        return recorded;
    }

    private void record(StageTimings.Stage stage, long micros) {
        stages.get(stage).record(micros, TimeUnit.MICROSECONDS);
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
