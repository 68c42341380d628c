package dev.gavel.core.round;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.block.BlockRequest;
import dev.gavel.bidding.block.Fork;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
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
 * The sealed-bid auction of one block, under its {@link AuctionRules}. Bids are binding: once admitted they
 * stay until the round closes, and a builder's best bid is the one that counts. Nothing about the bids
 * leaves this object before close.
 */
public final class Round {
    private final long id;
    private final PayloadId payloadId;
    private final BlockRequest request;
    private final AuctionRules rules;
    private final Instant openedAt;
    private final Instant bidDeadline;

    private final List<AcceptedBid> bids = new ArrayList<>();
    /** The admitted bids whose record is durable: only these can win, as only these were acknowledged. */
    private final Set<AcceptedBid> durable = new HashSet<>();

    private final Map<Address, Integer> bidsPerBuilder = new HashMap<>();
    private final Set<Hash32> digests = new HashSet<>();
    private RoundResult result;
    /** The durable bid that would win if the round closed now, and its envelope encoded once it is ready. */
    private AcceptedBid leader;

    private PreparedPayload prepared;

    Round(long id, PayloadId payloadId, BlockRequest request, AuctionRules rules, Instant openedAt) {
        this.id = id;
        this.payloadId = payloadId;
        this.request = request;
        this.rules = rules;
        this.openedAt = openedAt;
        this.bidDeadline = rules.bidDeadline(request.attributes().timestamp().value());
    }

    /** Why a bid of {@code builder} cannot enter now, checked before any expensive work; empty when it may. */
    public synchronized Optional<Rejection> refusalFor(Address builder, Instant now) {
        if (result != null) {
            return Optional.of(new Rejection(
                    RejectionCode.ROUND_CLOSED, "round " + id + " for block " + blockNumber() + " is closed"));
        }
        return rules.refusalToEnter(now, bidDeadline, bidsPerBuilder.getOrDefault(builder, 0));
    }

    /**
     * Admits a verified bid, re-checking the round's limits atomically; empty when admitted.
     * {@code whileAdmitting} runs under the round's lock, so what it records precedes the round's close.
     */
    public synchronized Optional<Rejection> admit(AcceptedBid bid, Runnable whileAdmitting) {
        Optional<Rejection> refusal = refusalFor(bid.builder(), bid.receivedAt());
        if (refusal.isPresent()) {
            return refusal;
        }
        if (!digests.add(bid.digest())) {
            return Optional.of(
                    new Rejection(RejectionCode.DUPLICATE_BID, "this signed bid was already accepted in round " + id));
        }
        bids.add(bid);
        bidsPerBuilder.merge(bid.builder(), 1, Integer::sum);
        whileAdmitting.run();
        return Optional.empty();
    }

    /**
     * Marks an admitted bid durable, so it takes part in the round; false when the round closed first, in which
     * case the bid took no part and must not be acknowledged as if it had.
     */
    public synchronized boolean confirmDurable(AcceptedBid bid) {
        if (result != null || !bids.contains(bid)) {
            return false;
        }
        durable.add(bid);
        if (leader == null || AuctionRules.beats(bid, leader)) {
            leader = bid;
        }
        return true;
    }

    /**
     * Encodes {@code bid}'s envelope as getPayload will answer it (the round's upgrade's shape), if it still leads
     * the open round: so that closing is a lookup and a write. Run off the Engine API's loop, after the bid
     * became durable; a bid overtaken meanwhile is skipped, and only the leader's bytes are kept.
     */
    public void prepareIfLeading(AcceptedBid bid) {
        synchronized (this) {
            if (leader != bid || result != null) {
                return;
            }
        }
        byte[] encoded = WireJson.write(shaped(bid.envelope()));
        synchronized (this) {
            if (leader == bid && result == null) {
                prepared = new PreparedPayload(bid, encoded);
            }
        }
    }

    /** The envelope in the shape the round's getPayload version answers: V3 before Isthmus, V4 (and V5) after. */
    public ExecutionPayloadEnvelope shaped(ExecutionPayloadEnvelope envelope) {
        return fork().getPayloadVersion() == 3 ? envelope.asV3() : envelope.asV4();
    }

    /** Takes back a bid that could not be made durable, so it never wins unacknowledged. */
    public synchronized boolean withdraw(AcceptedBid bid) {
        if (result != null || !bids.remove(bid)) {
            return false;
        }
        durable.remove(bid);
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
        List<AcceptedBid> counted = bids.stream().filter(durable::contains).toList();
        AuctionRules.Decision decision = rules.decide(counted);
        Optional<AcceptedBid> winner = decision.winner();
        Outcome outcome = new Outcome(
                id,
                blockNumber(),
                parentHash(),
                payloadId,
                policy().format(),
                winner.map(AcceptedBid::builder).orElse(null),
                winner.map(AcceptedBid::value).orElse(null),
                decision.price().orElse(null),
                decision.runnerUp().map(AcceptedBid::value).orElse(null),
                counted.size(),
                winner.map(w -> w.signed().bid().blockHash()).orElse(null),
                now);
        Optional<byte[]> encodedWinner = Optional.ofNullable(prepared)
                .filter(p -> winner.isPresent() && p.bid() == winner.get())
                .map(PreparedPayload::encoded);
        prepared = null;
        return new RoundResult(this, outcome, winner, decision.runnerUp(), counted, closing, encodedWinner);
    }

    synchronized boolean isClosed() {
        return result != null;
    }

    public BuildJob buildJob() {
        return new BuildJob(id, payloadId, blockNumber(), parentHash(), attributes(), bidDeadline, policy());
    }

    public long id() {
        return id;
    }

    public PayloadId payloadId() {
        return payloadId;
    }

    /** The block the round asks for: number, parent, attributes, upgrade and base fee. */
    public BlockRequest request() {
        return request;
    }

    public BlockNumber blockNumber() {
        return request.number();
    }

    public Hash32 parentHash() {
        return request.parent();
    }

    public PayloadAttributes attributes() {
        return request.attributes();
    }

    public Fork fork() {
        return request.fork();
    }

    public AuctionRules rules() {
        return rules;
    }

    public AuctionPolicy policy() {
        return rules.policy();
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant bidDeadline() {
        return bidDeadline;
    }

    /** A leading bid's envelope, already encoded for getPayload. */
    private record PreparedPayload(AcceptedBid bid, byte[] encoded) {}
}
