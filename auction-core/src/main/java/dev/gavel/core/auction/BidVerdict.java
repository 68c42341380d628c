package dev.gavel.core.auction;

import dev.gavel.bidding.bid.BidReceipt;
import dev.gavel.bidding.bid.Rejection;

/** The answer owed to a builder for one bid. */
public sealed interface BidVerdict {
    record Accepted(BidReceipt receipt) implements BidVerdict {}

    record Refused(Rejection rejection) implements BidVerdict {}
}
