package dev.gavel.core.intake;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.seal.BidHeader;
import dev.gavel.bidding.seal.BidSubmission;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.core.round.Round;
import dev.gavel.primitives.Hash32;
import java.time.Instant;

/**
 * One bid as intake reads it in, guard by guard: each field is set by the guard that learns it. The builder
 * named by {@code header} is only trusted once the header's signature has been checked.
 */
final class BidUnderReview {
    final byte[] body;
    final Instant receivedAt;
    SealedBid sealed;
    BidHeader header;
    Round round;
    BidSubmission submission;
    Hash32 digest;

    BidUnderReview(byte[] body, Instant receivedAt) {
        this.body = body;
        this.receivedAt = receivedAt;
    }

    Bid bid() {
        return submission.bid().bid();
    }

    /** What is known so far, for the history of a refused bid. */
    BidAttempt attempt() {
        return new BidAttempt(
                receivedAt,
                body.length,
                round == null ? null : round.id(),
                header == null ? null : header.blockNumber(),
                header == null ? null : header.parentHash(),
                header == null ? null : header.builder());
    }
}
