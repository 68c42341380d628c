package dev.gavel.service.history;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.bidding.round.Outcome;
import dev.gavel.core.intake.BidAttempt;
import dev.gavel.core.intake.IntakeResult;
import dev.gavel.core.intake.StageTimings;
import dev.gavel.core.round.AcceptedBid;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundResult;
import dev.gavel.db.history.BidReveal;
import dev.gavel.db.history.BidRow;
import dev.gavel.db.history.OutcomeRow;
import dev.gavel.db.history.RoundClosure;
import dev.gavel.db.history.RoundRow;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.ByteValue;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Wei;
import java.math.BigInteger;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The one converter between the auction's types and the history's rows, both ways. */
final class HistoryRows {
    private HistoryRows() {}

    static RoundRow round(Round round) {
        AuctionPolicy policy = round.policy();
        return new RoundRow(
                round.id(),
                round.payloadId().toArray(),
                round.blockNumber().value(),
                round.parentHash().toArray(),
                round.attributes().timestamp().value(),
                WireJson.writeString(round.attributes()),
                policy.version(),
                policy.format().wireName(),
                policy.reservePrice().amount(),
                policy.bidCutoffMillis(),
                policy.maxBidsPerBuilder(),
                policy.minBuilderBalance().amount(),
                policy.beneficiary().toArray(),
                round.bidDeadline(),
                round.openedAt());
    }

    static BidRow accepted(IntakeResult.Accepted accepted) {
        return new BidRow(
                accepted.bid().bidId(),
                accepted.round().id(),
                null,
                null,
                accepted.bid().receivedAt(),
                accepted.attempt().bodyBytes(),
                accepted.round().blockNumber().value(),
                accepted.round().parentHash().toArray(),
                accepted.bid().builder().toArray(),
                accepted.header().keyId(),
                accepted.header().encapsulatedKey().toArray(),
                accepted.sealed().ciphertext().toArray(),
                stages(accepted.timings()));
    }

    static BidRow rejected(IntakeResult.Rejected rejected) {
        BidAttempt attempt = rejected.attempt();
        return new BidRow(
                UUID.randomUUID(),
                attempt.roundId(),
                rejected.rejection().code().name(),
                rejected.rejection().message(),
                attempt.receivedAt(),
                attempt.bodyBytes(),
                attempt.blockNumber() == null ? null : attempt.blockNumber().value(),
                bytes(attempt.parentHash()),
                bytes(attempt.builder()),
                null,
                null,
                null,
                stages(rejected.timings()));
    }

    static RoundClosure closure(RoundResult result) {
        boolean asked = result.closing() == RoundResult.Closing.GET_PAYLOAD;
        return new RoundClosure(
                result.round().id(),
                asked ? RoundClosure.Status.CLOSED : RoundClosure.Status.EXPIRED,
                result.outcome().closedAt(),
                result.bids().stream().map(HistoryRows::reveal).toList(),
                asked ? outcome(result) : null);
    }

    static Outcome outcome(OutcomeRow row) {
        return new Outcome(
                row.roundId(),
                BlockNumber.of(row.blockNumber()),
                Hash32.of(row.parentHash()),
                PayloadId.of(row.payloadId()),
                AuctionFormat.named(row.format()),
                optional(row.winner(), Address::of),
                wei(row.bidValue()),
                wei(row.price()),
                wei(row.runnerUpValue()),
                row.bidCount(),
                optional(row.blockHash(), Hash32::of),
                row.closedAt());
    }

    private static OutcomeRow outcome(RoundResult result) {
        Outcome o = result.outcome();
        return new OutcomeRow(
                o.roundId(),
                o.blockNumber().value(),
                o.parentHash().toArray(),
                o.payloadId().toArray(),
                o.format().wireName(),
                bytes(o.winner()),
                result.winner().map(AcceptedBid::bidId).orElse(null),
                amount(o.bidValue()),
                amount(o.price()),
                result.runnerUp().map(b -> b.builder().toArray()).orElse(null),
                result.runnerUp().map(AcceptedBid::bidId).orElse(null),
                amount(o.runnerUpValue()),
                o.bidCount(),
                bytes(o.blockHash()),
                o.closedAt());
    }

    private static BidReveal reveal(AcceptedBid bid) {
        return new BidReveal(
                bid.bidId(),
                bid.digest().toArray(),
                bid.signed().bid().blockHash().toArray(),
                bid.value().amount(),
                bid.signed().signature().toArray());
    }

    private static BidRow.StageMicros stages(StageTimings t) {
        return new BidRow.StageMicros(
                t.decodeMicros(), t.routeMicros(), t.openMicros(), t.verifyMicros(), t.checkMicros());
    }

    private static byte[] bytes(ByteValue value) {
        return value == null ? null : value.toArray();
    }

    private static BigInteger amount(Wei wei) {
        return wei == null ? null : wei.amount();
    }

    private static Wei wei(BigInteger amount) {
        return amount == null ? null : new Wei(amount);
    }

    private static <T> T optional(byte[] bytes, Function<byte[], T> of) {
        return Optional.ofNullable(bytes).map(of).orElse(null);
    }
}
