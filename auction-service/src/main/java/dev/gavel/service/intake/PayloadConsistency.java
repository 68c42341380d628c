package dev.gavel.service.intake;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.payload.ExecutionPayload;
import java.util.Optional;

/**
 * The payload must be the block the bid commits to: same hash, parent and number. (Recomputing the hash
 * from the payload and checking it against the round's attributes is the payload-validation guard's work.)
 */
final class PayloadConsistency {
    private PayloadConsistency() {}

    static Optional<Rejection> check(Bid bid, ExecutionPayload payload) {
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

    private static Optional<Rejection> mismatch(String field, Object inPayload, Object inBid) {
        return Optional.of(new Rejection(RejectionCode.PAYLOAD_MISMATCH,
                "payload " + field + " " + inPayload + " differs from the bid's " + inBid));
    }
}
