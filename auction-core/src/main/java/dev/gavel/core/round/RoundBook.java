package dev.gavel.core.round;

import dev.gavel.bidding.block.BlockRequest;
import dev.gavel.bidding.block.ChainSpec;
import dev.gavel.bidding.block.FeeInputs;
import dev.gavel.bidding.block.Fork;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.payload.PayloadIds;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The rounds in memory: opened by forkchoice updates, found by payload id (getPayload) or by block and
 * parent (bids), and forgotten once closed.
 */
public final class RoundBook {
    /** rollup-boost predicts builder payload ids with version 4 (flashblocks); Gavel stamps the same. */
    public static final int PAYLOAD_ID_VERSION = 4;

    private static final int RECENTLY_CLOSED = 256;

    private final Clock clock;
    private final PolicySchedule policies;
    private final ChainSpec chain;
    private final Map<PayloadId, Round> byPayloadId = new ConcurrentHashMap<>();
    private final AtomicLong lastRoundId = new AtomicLong();
    /** The payload ids of the last rounds closed, so a late bid hears that its round closed. Bounded. */
    private final Map<PayloadId, Long> recentlyClosed = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PayloadId, Long> eldest) {
            return size() > RECENTLY_CLOSED;
        }
    });

    public RoundBook(Clock clock, PolicySchedule policies, ChainSpec chain) {
        this(clock, policies, chain, 0);
    }

    /**
     * A book whose round ids continue above {@code lastRecordedRoundId}, the highest already recorded: ids come
     * from the clock, and a clock stepped back (NTP, a VM restored) would otherwise hand out ids again.
     */
    public RoundBook(Clock clock, PolicySchedule policies, ChainSpec chain, long lastRecordedRoundId) {
        this.clock = clock;
        this.policies = policies;
        this.chain = chain;
        this.lastRoundId.set(lastRecordedRoundId);
    }

    /**
     * Opens the round for the child of {@code parent}, or returns the open round of identical attributes. The
     * round asks for the block of the upgrade in force at its timestamp, with the base fee that follows from
     * the parent's header where it is known. {@code onCreated} runs before the new round can receive bids, so
     * whatever it records comes first.
     *
     * @throws IllegalArgumentException when the attributes do not fit the upgrade in force at their timestamp
     */
    public Opening open(
            Hash32 parentHash,
            BlockNumber parentNumber,
            Optional<FeeInputs> parentFees,
            PayloadAttributes attributes,
            Consumer<Round> onCreated) {
        chain.attributesProblem(attributes).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        PayloadId payloadId = PayloadIds.compute(parentHash, attributes, PAYLOAD_ID_VERSION);
        BlockNumber blockNumber = parentNumber.next();
        boolean[] created = {false};
        Round round = byPayloadId.computeIfAbsent(payloadId, id -> {
            created[0] = true;
            BlockRequest request = new BlockRequest(
                    blockNumber,
                    parentHash,
                    attributes,
                    chain.forkAt(attributes.timestamp().value()),
                    parentFees.map(chain::nextBaseFee));
            Round opened = new Round(
                    nextRoundId(), id, request, new AuctionRules(policies.policyAt(blockNumber)), clock.instant());
            onCreated.accept(opened);
            return opened;
        });
        return new Opening(round, created[0]);
    }

    /** As {@link #open(Hash32, BlockNumber, Optional, PayloadAttributes, Consumer)} for a parent whose fees are unknown. */
    public Opening open(
            Hash32 parentHash, BlockNumber parentNumber, PayloadAttributes attributes, Consumer<Round> onCreated) {
        return open(parentHash, parentNumber, Optional.empty(), attributes, onCreated);
    }

    /** Whether block {@code blockNumber}'s policy auctions it at getPayload, so that a round may open for it. */
    public boolean auctionsExPost(BlockNumber blockNumber) {
        return policies.policyAt(blockNumber).format().exPost();
    }

    /** The upgrade in force at a block timestamp (seconds). */
    public Fork forkAt(long timestamp) {
        return chain.forkAt(timestamp);
    }

    public Optional<Round> byPayloadId(PayloadId payloadId) {
        return Optional.ofNullable(byPayloadId.get(payloadId));
    }

    /** The round a bid's header names by payload id: open, closed a moment ago, or unknown here. */
    public Routing route(PayloadId payloadId) {
        Round open = byPayloadId.get(payloadId);
        if (open != null) {
            return new Routing.Found(open);
        }
        return recentlyClosed.containsKey(payloadId)
                ? new Routing.Closed(recentlyClosed.get(payloadId))
                : new Routing.NoRound();
    }

    /** Closes the round of {@code payloadId} for getPayload and forgets it. */
    public Optional<RoundResult> close(PayloadId payloadId) {
        Round round = byPayloadId.remove(payloadId);
        return round == null ? Optional.empty() : Optional.of(closed(round, RoundResult.Closing.GET_PAYLOAD));
    }

    private RoundResult closed(Round round, RoundResult.Closing closing) {
        recentlyClosed.put(round.payloadId(), round.id());
        return round.close(clock.instant(), closing);
    }

    /** Closes rounds nobody asked the payload of within {@code grace} after their block's timestamp. */
    public List<RoundResult> expire(Duration grace) {
        Instant now = clock.instant();
        return byPayloadId.values().stream()
                .filter(round -> Instant.ofEpochSecond(
                                round.attributes().timestamp().value())
                        .plus(grace)
                        .isBefore(now))
                .filter(round -> byPayloadId.remove(round.payloadId(), round))
                .map(round -> closed(round, RoundResult.Closing.EXPIRED))
                .toList();
    }

    /** Forgets every open round without closing it: their bids take part in nothing (the next instance aborts them). */
    public int abandon() {
        int abandoned = byPayloadId.size();
        byPayloadId.clear();
        return abandoned;
    }

    public int openRounds() {
        return byPayloadId.size();
    }

    /** The next round ids come after {@code roundId} (the last one another instance recorded), whatever the clock says. */
    public void continueAfter(long roundId) {
        lastRoundId.accumulateAndGet(roundId, Math::max);
    }

    /**
     * Round ids are microseconds since the epoch, kept strictly increasing from the last one recorded, so they stay
     * unique across restarts even when the clock stepped back in between.
     */
    private long nextRoundId() {
        long micros = Math.multiplyExact(clock.millis(), 1000L);
        return lastRoundId.updateAndGet(last -> Math.max(last + 1, micros));
    }

    /** A round and whether this call opened it (false: the same attributes came again). */
    public record Opening(Round round, boolean created) {}

    /** Where a bid's header leads. */
    public sealed interface Routing {
        record Found(Round round) implements Routing {}

        record Closed(long roundId) implements Routing {}

        record NoRound() implements Routing {}
    }
}
