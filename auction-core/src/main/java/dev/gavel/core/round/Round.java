package dev.gavel.core.round;

import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.bidding.round.BuildJob;
import dev.gavel.bidding.round.Outcome;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sealed-bid auction of one block. Bids are binding: once admitted they stay until the round closes,
 * and a builder's best bid is the one that counts. Nothing about the bids leaves this object before close.
 */
public final class Round {
    private final long id;
    private final PayloadId payloadId;
    private final BlockNumber blockNumber;
    private final Hash32 parentHash;
    private final PayloadAttributes attributes;
    private final AuctionPolicy policy;
    private final Instant openedAt;
    private final Instant bidDeadline;

    private final List<AcceptedBid> bids = new ArrayList<>();
    private final Map<Address, Integer> bidsPerBuilder = new HashMap<>();
    private final Set<Hash32> digests = new HashSet<>();
    private RoundResult result;

    Round(
            long id,
            PayloadId payloadId,
            BlockNumber blockNumber,
            Hash32 parentHash,
            PayloadAttributes attributes,
            AuctionPolicy policy,
            Instant openedAt) {
        this.id = id;
        this.payloadId = payloadId;
        this.blockNumber = blockNumber;
        this.parentHash = parentHash;
        this.attributes = attributes;
        this.policy = policy;
        this.openedAt = openedAt;
        this.bidDeadline = Instant.ofEpochSecond(attributes.timestamp().value()).minus(policy.bidCutoff());
    }

    /** Why a bid cannot enter, checked before any expensive work; empty when it may. */
    public synchronized Optional<Refusal> refusalFor(Address builder, Instant now) {
        if (result != null) {
            return Optional.of(Refusal.CLOSED);
        }
        if (now.isAfter(bidDeadline)) {
            return Optional.of(Refusal.LATE);
        }
        if (bidsPerBuilder.getOrDefault(builder, 0) >= policy.maxBidsPerBuilder()) {
            return Optional.of(Refusal.TOO_MANY_BIDS);
        }
        return Optional.empty();
    }

    /**
     * Admits a verified bid, re-checking the round's limits atomically; empty when admitted.
     * {@code whileAdmitting} runs under the round's lock, so what it records precedes the round's close.
     */
    public synchronized Optional<Refusal> admit(AcceptedBid bid, Runnable whileAdmitting) {
        Optional<Refusal> refusal = refusalFor(bid.builder(), bid.receivedAt());
        if (refusal.isPresent()) {
            return refusal;
        }
        if (!digests.add(bid.digest())) {
            return Optional.of(Refusal.DUPLICATE);
        }
        bids.add(bid);
        bidsPerBuilder.merge(bid.builder(), 1, Integer::sum);
        whileAdmitting.run();
        return Optional.empty();
    }

    /** Takes back a bid that could not be made durable, so it never wins unacknowledged. */
    public synchronized boolean withdraw(AcceptedBid bid) {
        if (result != null || !bids.remove(bid)) {
            return false;
        }
        digests.remove(bid.digest());
        bidsPerBuilder.merge(bid.builder(), -1, Integer::sum);
        return true;
    }

    /** Closes the round (once; later calls return the same result) and decides the winner and price. */
    synchronized RoundResult close(Instant now, RoundResult.Closing closing) {
        if (result == null) {
            result = decide(now, closing);
        }
        return result;
    }

    private RoundResult decide(Instant now, RoundResult.Closing closing) {
        Map<Address, AcceptedBid> best = new HashMap<>();
        for (AcceptedBid bid : bids) {
            best.merge(bid.builder(), bid, (a, b) -> b.beats(a) ? b : a);
        }
        Optional<AcceptedBid> winner = best.values().stream().reduce((a, b) -> b.beats(a) ? b : a);
        Optional<AcceptedBid> runnerUp = winner.flatMap(w -> best.values().stream()
                .filter(b -> !b.builder().equals(w.builder()))
                .reduce((a, b) -> b.beats(a) ? b : a));
        Outcome outcome = new Outcome(
                id,
                blockNumber,
                parentHash,
                payloadId,
                policy.format(),
                winner.map(AcceptedBid::builder).orElse(null),
                winner.map(AcceptedBid::value).orElse(null),
                winner.map(w -> policy.format()
                                .price(w.value(), runnerUp.map(AcceptedBid::value), policy.reservePrice()))
                        .orElse(null),
                runnerUp.map(AcceptedBid::value).orElse(null),
                bids.size(),
                winner.map(w -> w.signed().bid().blockHash()).orElse(null),
                now);
        return new RoundResult(this, outcome, winner, runnerUp, List.copyOf(bids), closing);
    }

    public synchronized boolean isClosed() {
        return result != null;
    }

    public BuildJob buildJob() {
        return new BuildJob(id, payloadId, blockNumber, parentHash, attributes, bidDeadline, policy);
    }

    public long id() {
        return id;
    }

    public PayloadId payloadId() {
        return payloadId;
    }

    public BlockNumber blockNumber() {
        return blockNumber;
    }

    public Hash32 parentHash() {
        return parentHash;
    }

    public PayloadAttributes attributes() {
        return attributes;
    }

    public AuctionPolicy policy() {
        return policy;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant bidDeadline() {
        return bidDeadline;
    }

    /** A round-level reason to refuse a bid. */
    public enum Refusal {
        CLOSED,
        LATE,
        TOO_MANY_BIDS,
        DUPLICATE
    }
}
