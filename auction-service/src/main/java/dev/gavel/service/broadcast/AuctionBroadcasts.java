package dev.gavel.service.broadcast;

import dev.gavel.bidding.round.BuildJob;
import dev.gavel.bidding.round.Outcome;
import dev.gavel.core.auction.AuctionEvents;

/** The auction's events, fanned out to the build-jobs and winners websockets. */
public final class AuctionBroadcasts implements AuctionEvents {
    private final Broadcast<BuildJob> buildJobs;
    private final Broadcast<Outcome> outcomes;

    public AuctionBroadcasts(int bufferSize) {
        this.buildJobs = new Broadcast<>(bufferSize);
        this.outcomes = new Broadcast<>(bufferSize);
    }

    @Override
    public void buildJobPublished(BuildJob job) {
        buildJobs.publish(job);
    }

    @Override
    public void outcomeRecorded(Outcome outcome) {
        outcomes.publish(outcome);
    }

    public Broadcast<BuildJob> buildJobs() {
        return buildJobs;
    }

    public Broadcast<Outcome> outcomes() {
        return outcomes;
    }
}
