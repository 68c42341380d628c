package dev.gavel.core.intake;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.block.BlockHashes;
import dev.gavel.bidding.block.ChainFamily;
import dev.gavel.bidding.block.PayloadConformance;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.primitives.Hash32;
import java.util.Optional;

/**
 * The payload guards: it must be the block the bid commits to (same hash, parent, number), be the block the
 * round asked for (its attributes), and really hash to that block hash. Cheapest first: the field
 * comparisons, then the header and transaction tries.
 */
final class PayloadChecks {
    private PayloadChecks() {}

    static Optional<Rejection> payloadIsTheBidsBlock(BidUnderReview review) {
        Bid bid = review.bid();
        ExecutionPayload payload = review.submission.envelope().executionPayload();
        if (!payload.blockHash().equals(bid.blockHash())) {
            return mismatch("blockHash", payload.blockHash(), bid.blockHash());
        }
        if (!payload.parentHash().equals(bid.parentHash())) {
            return mismatch("parentHash", payload.parentHash(), bid.parentHash());
        }
        if (!payload.blockNumber().equals(bid.blockNumber())) {
            return mismatch("blockNumber", payload.blockNumber(), bid.blockNumber());
        }
        return Optional.empty();
    }

    static Optional<Rejection> payloadConformsToTheRound(BidUnderReview review) {
        return PayloadConformance.check(review.submission.envelope(), review.round.request());
    }

    static Optional<Rejection> payloadHashesToItsBlockHash(BidUnderReview review) {
        ExecutionPayloadEnvelope envelope = review.submission.envelope();
        ExecutionPayload payload = envelope.executionPayload();
        Hash32 computed = BlockHashes.compute(
                payload, envelope.parentBeaconBlockRoot(), envelope.executionRequests(), ChainFamily.OP_STACK);
        return computed.equals(payload.blockHash())
                ? Optional.empty()
                : BidIntake.refuse(
                        RejectionCode.BLOCK_HASH_MISMATCH,
                        "the payload's header hashes to " + computed + ", not to its blockHash " + payload.blockHash());
    }

    private static Optional<Rejection> mismatch(String field, Object inPayload, Object inBid) {
        return BidIntake.refuse(
                RejectionCode.PAYLOAD_MISMATCH,
                "payload " + field + " " + inPayload + " differs from the bid's " + inBid);
    }
}
