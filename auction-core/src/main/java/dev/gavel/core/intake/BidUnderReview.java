package dev.gavel.core.intake;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.bidding.seal.BidHeader;
import dev.gavel.bidding.seal.BidSubmission;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.core.round.Round;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import java.time.Instant;

/**
 * One bid as intake reads it in, guard by guard: each field is set by the guard that learns it. The builder
 * named by {@code header} is only trusted once the header's signature has been checked, and its bid is only
 * worth recording once that builder is also admitted ({@link #admitted}).
 */
final class BidUnderReview {
    final Instant receivedAt;
    final StageTimings.Recorder stages = new StageTimings.Recorder();
    byte[] body;
    BidEncoding encoding;
    int bodyBytes;
    Bytes headerBytes;
    BidSignature headerSignature;
    SealedBid sealed;
    BidHeader header;
    Round round;
    boolean admitted;
    BidSubmission submission;
    Hash32 digest;

    BidUnderReview(Instant receivedAt, int bodyBytes) {
        this.receivedAt = receivedAt;
        this.bodyBytes = bodyBytes;
    }

    Bid bid() {
        return submission.bid().bid();
    }

    /** What is known so far, for the history of a refused bid. */
    BidAttempt attempt() {
        return new BidAttempt(
                receivedAt,
                bodyBytes,
                round == null ? null : round.id(),
                header == null ? null : header.blockNumber(),
                header == null ? null : header.parentHash(),
                header == null ? null : header.builder());
    }
}
