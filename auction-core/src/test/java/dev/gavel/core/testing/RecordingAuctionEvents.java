package dev.gavel.core.testing;

import dev.gavel.bidding.round.BuildJob;
import dev.gavel.bidding.round.Outcome;
import dev.gavel.core.auction.AuctionEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the auction published, in order, for unit tests: the service's websockets stand here. */
public final class RecordingAuctionEvents implements AuctionEvents {
    public final List<BuildJob> jobs = new CopyOnWriteArrayList<>();
    public final List<Outcome> outcomes = new CopyOnWriteArrayList<>();

    @Override
    public void buildJobPublished(BuildJob job) {
        jobs.add(job);
    }

    @Override
    public void outcomeRecorded(Outcome outcome) {
        outcomes.add(outcome);
    }
}
