package dev.gavel.service.ops;

import dev.gavel.db.history.HistoryWriter;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * DOWN once the history writer has stopped on an error: no bid can be acknowledged any more (each is refused
 * {@code UNAVAILABLE} at once), so the service must be restarted or taken out of rotation. A database that is
 * only slow or away for a while leaves it UP: the writer answers each write within its timeouts and goes on.
 */
@Component("history")
public final class HistoryHealthIndicator implements HealthIndicator {
    private final HistoryWriter writer;

    public HistoryHealthIndicator(HistoryWriter writer) {
        this.writer = writer;
    }

    @Override
    public Health health() {
        return writer.failure()
                .map(failure -> Health.down().withDetail("writer", "stopped after " + failure))
                .orElseGet(() -> Health.up().withDetail("writer", "running"))
                .withDetail("unavailableBatches", writer.unavailableBatches())
                .build();
    }
}
