package dev.gavel.db.upkeep;

import dev.gavel.db.history.HistoryUnavailableException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the history's upkeep, repeated by the service: partitions made ahead, expired ciphertext dropped,
 * today's and yesterday's statistics rolled up (a round closing just after midnight reveals bids of the day
 * before).
 */
public final class HistoryUpkeep {
    private static final Logger log = LoggerFactory.getLogger(HistoryUpkeep.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final HistoryPartitions partitions;
    private final CiphertextRetention retention;
    private final BuilderDays builderDays;

    public HistoryUpkeep(DataSource dataSource, Duration ciphertextRetention) {
        this.partitions = new HistoryPartitions(dataSource);
        this.retention = new CiphertextRetention(dataSource, ciphertextRetention);
        this.builderDays = new BuilderDays(dataSource);
    }

    /**
     * One pass; returns the ciphertext partitions it dropped. A lock it could not have in time ends the pass with a
     * warning (the next one does the rest); any other failure is the history's.
     */
    public List<String> run(Instant now) {
        try {
            partitions.ensureAhead(now);
            List<String> dropped = retention.dropExpired(now);
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            builderDays.rollUp(today.minusDays(1), today);
            return dropped;
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                log.warn("history upkeep waited {} for a lock and stops until its next pass", Locks.TIMEOUT);
                return List.of();
            }
            throw new HistoryUnavailableException("history upkeep failed: " + e.getMessage(), e);
        }
    }
}
