package dev.gavel.db.upkeep;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * The daily statistics per builder ({@code builder_days}, view {@code builder_daily_stats}), recomputed a few
 * days at a time from those days' partitions only: the cost of a pass does not grow with the history.
 */
public final class BuilderDays {
    private final DataSource dataSource;

    public BuilderDays(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Recomputes the UTC days [{@code from}, {@code to}]; returns the rows written. */
    public int rollUp(LocalDate from, LocalDate to) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement rollUp = connection.prepareStatement("select roll_up_builder_days(?, ?)")) {
            connection.setAutoCommit(true);
            rollUp.setDate(1, Date.valueOf(from));
            rollUp.setDate(2, Date.valueOf(to));
            try (ResultSet result = rollUp.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
