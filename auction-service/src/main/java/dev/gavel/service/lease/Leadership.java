package dev.gavel.service.lease;

import dev.gavel.core.auction.Auctioneer;
import dev.gavel.core.lease.AuctioneerLease;
import dev.gavel.core.lease.Succession;
import dev.gavel.db.history.HistoryUnavailableException;
import dev.gavel.service.history.Handover;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease's heartbeat as the service runs it: a standby first follows the chain the active instance records,
 * so that it is current the moment it takes over, then beats; a takeover picks up where the instance before
 * stopped; a deposition drops the rounds this instance can no longer close and reports it broken, so that its
 * orchestrator restarts it as a standby.
 */
public final class Leadership implements Succession {
    private static final Logger log = LoggerFactory.getLogger(Leadership.class);

    private final AuctioneerLease lease;
    private final Auctioneer auctioneer;
    private final Handover handover;
    private final Runnable reportBroken;

    public Leadership(AuctioneerLease lease, Auctioneer auctioneer, Handover handover, Runnable reportBroken) {
        this.lease = lease;
        this.auctioneer = auctioneer;
        this.handover = handover;
        this.reportBroken = reportBroken;
    }

    /** One heartbeat (every {@code gavel.lease.renew-interval}). */
    public void beat() {
        if (lease.role() == AuctioneerLease.Role.STANDBY) {
            try {
                handover.follow(auctioneer);
            } catch (HistoryUnavailableException e) {
                // the heartbeat reports an unreachable database; a takeover follows again before it counts
            }
        }
        lease.heartbeat(this);
    }

    @Override
    public void takeOver(long token) {
        handover.takeOver(auctioneer, token);
    }

    @Override
    public void deposed() {
        log.error(
                "deposed: {} open round(s) dropped (the active instance aborts them); this instance reports itself broken",
                auctioneer.abandonRounds());
        reportBroken.run();
    }
}
