package dev.gavel.core.intake;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.seal.BidHeader;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.core.round.AcceptedBid;
import dev.gavel.core.round.Round;

/** The verdict of intake on one sealed bid. */
public sealed interface IntakeResult {
    StageTimings timings();

    /** Admitted to {@code round}; to be acknowledged once durable. */
    record Accepted(
            Round round, AcceptedBid bid, SealedBid sealed, BidHeader header, BidAttempt attempt, StageTimings timings)
            implements IntakeResult {}

    /**
     * Refused. {@code fromAdmittedBuilder}: the header's signature held and its builder is admitted, so the bid
     * is the builder's own and worth a row in the history; anything else is junk from an unauthenticated sender,
     * counted but not recorded.
     */
    record Rejected(Rejection rejection, BidAttempt attempt, boolean fromAdmittedBuilder, StageTimings timings)
            implements IntakeResult {}
}
