package dev.gavel.simulation;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.seal.RoundReference;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import dev.gavel.simulation.channel.PendingOrderflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A builder as Gavel sees one: a client of the public API (bidding-api's client, sealed bids, blocks whose hash
 * is right) that follows its strategy, including its share of invalid and late bids; honest, or hostile in one
 * way ({@link Hostility}), whose bids never count as honest. With the chain's orderflow from its channel, it
 * waits for each block's build job there and builds from what is pending then; without, its blocks carry the
 * strategy's made-up transactions.
 */
public final class SimulatedBuilder {
    /** How long a round's build job may take to arrive on the channel before the builder bids without orderflow. */
    private static final long BUILD_JOB_PATIENCE_MILLIS = 500;

    private final BuilderClient client;
    private final BuilderStrategy strategy;
    private final BidTally tally;
    private final Random random;
    private final Optional<Hostility> hostility;
    private final Optional<PendingOrderflow> orderflow;

    public SimulatedBuilder(
            BuilderClient client,
            BuilderStrategy strategy,
            BidTally tally,
            long seed,
            Optional<Hostility> hostility,
            Optional<PendingOrderflow> orderflow) {
        this.client = client;
        this.strategy = strategy;
        this.tally = tally;
        this.random = new Random(seed);
        this.hostility = hostility;
        this.orderflow = orderflow;
    }

    public Optional<Hostility> hostility() {
        return hostility;
    }

    public BuilderClient client() {
        return client;
    }

    /**
     * This round's bids (all but the late ones) for the round its build job names, sent at once; completes when
     * each is answered. {@code cutOff}: when the round stops taking bids, which tells honest bids apart.
     */
    public CompletableFuture<Void> bid(
            BlockNumber number, Hash32 parent, PayloadAttributes attributes, RoundReference round, Instant cutOff) {
        return transactions(number).thenCompose(transactions -> {
            List<CompletableFuture<?>> answers = new ArrayList<>();
            for (int i = 0; i < strategy.bidsPerRound(); i++) {
                if (random.nextDouble() >= strategy.lateShare()) {
                    answers.add(send(number, parent, attributes, round, cutOff, transactions));
                }
            }
            return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
        });
    }

    /** The late bids of a round that has closed. */
    public CompletableFuture<Void> bidLate(
            BlockNumber number, Hash32 parent, PayloadAttributes attributes, RoundReference round) {
        return random.nextDouble() < strategy.lateShare()
                ? transactions(number)
                        .thenCompose(transactions -> send(number, parent, attributes, round, Instant.MIN, transactions))
                : CompletableFuture.completedFuture(null);
    }

    /** The orderflow for block {@code number} once its build job is in, if this builder has a channel. */
    private CompletableFuture<Optional<List<Bytes>>> transactions(BlockNumber number) {
        return orderflow
                .map(pending -> pending.forBlock(number)
                        .completeOnTimeout(List.of(), BUILD_JOB_PATIENCE_MILLIS, TimeUnit.MILLISECONDS)
                        .thenApply(Optional::of))
                .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
    }

    private CompletableFuture<Void> send(
            BlockNumber number,
            Hash32 parent,
            PayloadAttributes attributes,
            RoundReference round,
            Instant cutOff,
            Optional<List<Bytes>> transactions) {
        long honestValue =
                strategy.minValue() + (long) (random.nextDouble() * (strategy.maxValue() - strategy.minValue()));
        long value =
                hostility.map(h -> h.value(honestValue, strategy.maxValue())).orElse(honestValue);
        long seed = random.nextLong();
        ExecutionPayloadEnvelope honestBlock = transactions
                .map(orderflow -> SimulatedBlocks.envelope(number, parent, attributes, Wei.of(value), orderflow, seed))
                .orElseGet(() -> SimulatedBlocks.envelope(
                        number, parent, attributes, Wei.of(value), strategy.transactions(), seed));
        ExecutionPayloadEnvelope envelope =
                hostility.map(h -> h.block(honestBlock)).orElse(honestBlock);
        boolean invalid = random.nextDouble() < strategy.invalidShare();
        Hash32 named = invalid
                ? SimulatedBlocks.hash(random)
                : envelope.executionPayload().blockHash();
        Bid bid = new Bid(number, parent, named, Wei.of(value), client.builder());
        long sentAt = System.nanoTime();
        boolean honest = hostility.isEmpty()
                && !invalid
                && Instant.now().plus(BidTally.HONEST_LEAD).isBefore(cutOff);
        if (honest) {
            tally.submittedHonest();
        } else {
            tally.submitted();
        }
        return client.submit(bid, envelope, round).handle((result, failure) -> {
            if (honest) {
                tally.answeredHonest(result, failure, Duration.ofNanos(System.nanoTime() - sentAt));
            } else {
                tally.answered(result, failure);
            }
            return null;
        });
    }
}
