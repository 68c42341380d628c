package dev.gavel.core.auction;

import dev.gavel.bidding.round.BuildJob;
import dev.gavel.bidding.round.Outcome;

/** What the auction tells the outside world: jobs as rounds open, outcomes once they are recorded. */
public interface AuctionEvents {
    void buildJobPublished(BuildJob job);

    void outcomeRecorded(Outcome outcome);
}
