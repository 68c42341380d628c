package dev.gavel.core.auction;

import dev.gavel.bidding.round.BuildJob;
import dev.gavel.bidding.round.Outcome;

/** What the auction tells the outside world: jobs as rounds open, outcomes once they are recorded. */
public interface AuctionEvents {
    void buildJobPublished(BuildJob job);

    void outcomeRecorded(Outcome outcome);

    /** Tells {@code first}, then {@code second}. */
    static AuctionEvents both(AuctionEvents first, AuctionEvents second) {
        return new AuctionEvents() {
            @Override
            public void buildJobPublished(BuildJob job) {
                first.buildJobPublished(job);
                second.buildJobPublished(job);
            }

            @Override
            public void outcomeRecorded(Outcome outcome) {
                first.outcomeRecorded(outcome);
                second.outcomeRecorded(outcome);
            }
        };
    }
}
