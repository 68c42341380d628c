package dev.gavel.service.history;

import dev.gavel.bidding.block.FeeInputs;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.bidding.round.Outcome;
import dev.gavel.core.chain.ChainHeads;
import dev.gavel.core.intake.BidAttempt;
import dev.gavel.core.intake.BidIds;
import dev.gavel.core.intake.IntakeResult;
import dev.gavel.core.intake.StageTimings;
import dev.gavel.core.round.AcceptedBid;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundResult;
import dev.gavel.db.history.BidReveal;
import dev.gavel.db.history.BidRow;
import dev.gavel.db.history.HeadRow;
import dev.gavel.db.history.OutcomeRow;
import dev.gavel.db.history.RoundClosure;
import dev.gavel.db.history.RoundRow;
import dev.gavel.primitives.Bytes;
import java.util.Optional;

/** The one converter between the auction's types and the history's rows, both ways. */
final class HistoryRows {
    private HistoryRows() {}

    /** A declared block's row; empty for a block known without its fee inputs. */
    static Optional<HeadRow> head(ChainHeads.Head head) {
        return head.fees()
                .map(fees -> new HeadRow(
                        head.hash(),
                        head.number(),
                        head.parentHash(),
                        head.timestamp(),
                        fees.gasLimit(),
                        fees.gasUsed(),
                        fees.baseFee(),
                        fees.extraData()));
    }

    static ChainHeads.Head head(HeadRow row) {
        return new ChainHeads.Head(
                row.blockHash(),
                row.blockNumber(),
                row.parentHash(),
                row.timestamp(),
                Optional.of(
                        new FeeInputs(row.timestamp(), row.gasLimit(), row.gasUsed(), row.baseFee(), row.extraData())));
    }

    static RoundRow round(Round round) {
        AuctionPolicy policy = round.policy();
        return new RoundRow(
                round.id(),
                round.payloadId(),
                round.blockNumber(),
                round.parentHash(),
                round.attributes().timestamp(),
                WireJson.writeString(round.attributes()),
                policy.version(),
                policy.format().wireName(),
                policy.reservePrice(),
                policy.bidCutoffMillis(),
                policy.maxBidsPerBuilder(),
                policy.minBuilderBalance(),
                policy.beneficiary(),
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
                accepted.round().blockNumber(),
                accepted.round().parentHash(),
                accepted.bid().builder(),
                accepted.header().keyId(),
                accepted.header().encapsulatedKey(),
                accepted.sealed().ciphertext(),
                stages(accepted.timings()));
    }

    static BidRow rejected(IntakeResult.Rejected rejected) {
        BidAttempt attempt = rejected.attempt();
        return new BidRow(
                BidIds.arrivedAt(attempt.receivedAt()),
                attempt.roundId(),
                rejected.rejection().code().name(),
                rejected.rejection().message(),
                attempt.receivedAt(),
                attempt.bodyBytes(),
                attempt.blockNumber(),
                attempt.parentHash(),
                attempt.builder(),
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
                row.blockNumber(),
                row.parentHash(),
                row.payloadId(),
                AuctionFormat.named(row.format()),
                row.winner(),
                row.bidValue(),
                row.price(),
                row.runnerUpValue(),
                row.bidCount(),
                row.blockHash(),
                row.closedAt());
    }

    private static OutcomeRow outcome(RoundResult result) {
        Outcome o = result.outcome();
        return new OutcomeRow(
                o.roundId(),
                o.blockNumber(),
                o.parentHash(),
                o.payloadId(),
                o.format().wireName(),
                o.winner(),
                result.winner().map(AcceptedBid::bidId).orElse(null),
                o.bidValue(),
                o.price(),
                result.runnerUp().map(AcceptedBid::builder).orElse(null),
                result.runnerUp().map(AcceptedBid::bidId).orElse(null),
                o.runnerUpValue(),
                o.bidCount(),
                o.blockHash(),
                o.closedAt());
    }

    private static BidReveal reveal(AcceptedBid bid) {
        ExecutionPayload payload = bid.envelope().executionPayload();
        return new BidReveal(
                bid.bidId(),
                bid.receivedAt(),
                bid.digest(),
                bid.signed().bid().blockHash(),
                bid.value(),
                Bytes.of(bid.signed().signature().toArray()),
                payload.gasUsed().value(),
                payload.transactions().size());
    }

    private static BidRow.StageMicros stages(StageTimings t) {
        return new BidRow.StageMicros(
                t.decodeMicros(), t.routeMicros(), t.openMicros(), t.verifyMicros(), t.checkMicros());
    }
}
