package dev.gavel.db.upkeep;

import dev.gavel.db.sql.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * Makes the history's partitions before they are needed: a day of {@code bids} and an hour of
 * {@code bid_ciphertexts} at a time, each in a transaction of its own that waits at most {@link
 * Locks#TIMEOUT} for its locks, so that the history writer is never held up for long. A bid whose
 * partition is missing is refused, never lost: its write fails and it is not acknowledged.
 */
public final class HistoryPartitions {
    /** How far ahead of now partitions exist after each pass. */
    public static final Duration AHEAD = Duration.ofHours(48);

    private static final String CREATE = "select create_history_partitions(?, ?)";

    private final DataSource dataSource;

    public HistoryPartitions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Makes the partitions covering [{@code from}, {@code to}); returns how many it made. */
    public int ensure(Instant from, Instant to) throws SQLException {
        int made = 0;
        try (Connection connection = dataSource.getConnection();
                Locks locks = Locks.bounded(connection);
                PreparedStatement create = connection.prepareStatement(CREATE)) {
            for (Instant hour = from.truncatedTo(ChronoUnit.HOURS);
                    hour.isBefore(to);
                    hour = hour.plus(1, ChronoUnit.HOURS)) {
                Jdbc.setInstant(create, 1, hour);
                Jdbc.setInstant(create, 2, hour.plus(1, ChronoUnit.HOURS));
                try (ResultSet result = create.executeQuery()) {
                    result.next();
                    made += result.getInt(1);
                }
            }
        }
        return made;
    }

    /** The partitions for now and {@link #AHEAD} of it (and the hour before, for a clock that steps back). */
    public int ensureAhead(Instant now) throws SQLException {
        return ensure(now.minus(1, ChronoUnit.HOURS), now.plus(AHEAD));
    }
}
