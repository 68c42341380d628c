package dev.gavel.service.ops;

import dev.gavel.core.auction.Auctioneer;
import dev.gavel.db.history.HistoryWriter;
import dev.gavel.service.engineapi.EngineApiServer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP once the service accepts rounds: the Engine API is listening and the history writer is running. */
@Component("auction")
public final class AuctionHealthIndicator implements HealthIndicator {
    private final EngineApiServer engineApi;
    private final HistoryWriter history;
    private final Auctioneer auctioneer;

    public AuctionHealthIndicator(EngineApiServer engineApi, HistoryWriter history, Auctioneer auctioneer) {
        this.engineApi = engineApi;
        this.history = history;
        this.auctioneer = auctioneer;
    }

    @Override
    public Health health() {
        Health.Builder health = engineApi.isRunning() ? Health.up() : Health.outOfService();
        return health.withDetail("openRounds", auctioneer.openRounds())
                .withDetail("historyQueue", history.queued())
                .withDetail("rejectionsDropped", history.dropped())
                .build();
    }
}
