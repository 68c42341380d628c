package dev.gavel.core.round;

import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.payload.PayloadIds;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
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

    private final Clock clock;
    private final PolicySchedule policies;
    private final Map<PayloadId, Round> byPayloadId = new ConcurrentHashMap<>();
    private final AtomicLong lastRoundId = new AtomicLong();

    public RoundBook(Clock clock, PolicySchedule policies) {
        this.clock = clock;
        this.policies = policies;
    }

    /**
     * Opens the round for the child of {@code parent}, or returns the open round of identical attributes.
     * {@code onCreated} runs before the new round can receive bids, so whatever it records comes first.
     */
    public Opening open(
            Hash32 parentHash, BlockNumber parentNumber, PayloadAttributes attributes, Consumer<Round> onCreated) {
        PayloadId payloadId = PayloadIds.compute(parentHash, attributes, PAYLOAD_ID_VERSION);
        BlockNumber blockNumber = parentNumber.next();
        boolean[] created = {false};
        Round round = byPayloadId.computeIfAbsent(payloadId, id -> {
            created[0] = true;
            Round opened = new Round(
                    nextRoundId(),
                    id,
                    blockNumber,
                    parentHash,
                    attributes,
                    new AuctionRules(policies.policyAt(blockNumber)),
                    clock.instant());
            onCreated.accept(opened);
            return opened;
        });
        return new Opening(round, created[0]);
    }

    Optional<Round> byPayloadId(PayloadId payloadId) {
        return Optional.ofNullable(byPayloadId.get(payloadId));
    }

    /** The open round a bid for {@code blockNumber} on {@code parentHash} belongs to. */
    public Routing route(BlockNumber blockNumber, Hash32 parentHash) {
        List<Round> sameNumber = byPayloadId.values().stream()
                .filter(r -> r.blockNumber().equals(blockNumber))
                .toList();
        if (sameNumber.isEmpty()) {
            return new Routing.NoRound();
        }
        return sameNumber.stream()
                .filter(r -> r.parentHash().equals(parentHash))
                .max(Comparator.comparingLong(Round::id))
                .<Routing>map(Routing.Found::new)
                .orElseGet(() -> new Routing.WrongParent(sameNumber.get(0).parentHash()));
    }

    /** Closes the round of {@code payloadId} for getPayload and forgets it. */
    public Optional<RoundResult> close(PayloadId payloadId) {
        Round round = byPayloadId.remove(payloadId);
        return round == null
                ? Optional.empty()
                : Optional.of(round.close(clock.instant(), RoundResult.Closing.GET_PAYLOAD));
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
                .map(round -> round.close(now, RoundResult.Closing.EXPIRED))
                .toList();
    }

    public int openRounds() {
        return byPayloadId.size();
    }

    /** Round ids are microseconds since the epoch, kept strictly increasing, so they stay unique across restarts. */
    private long nextRoundId() {
        long micros = Math.multiplyExact(clock.millis(), 1000L);
        return lastRoundId.updateAndGet(last -> Math.max(last + 1, micros));
    }

    /** A round and whether this call opened it (false: the same attributes came again). */
    public record Opening(Round round, boolean created) {}

    /** Where a bid's routing header leads. */
    public sealed interface Routing {
        record Found(Round round) implements Routing {}

        record WrongParent(Hash32 expectedParent) implements Routing {}

        record NoRound() implements Routing {}
    }
}
