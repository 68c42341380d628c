package dev.gavel.db.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Straight to PostgreSQL: one value, to check what the service stored; or an empty history, to start over. */
public final class Sql {
    private Sql() {}

    /** Empties the history's tables (rounds, bids, outcomes and their settlement), so tests can share one database. */
    public static void emptyHistory(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("truncate outcome_settlements, settlement_attempts, settlement_batches, outcomes, bids,"
                    + " rounds restart identity cascade");
        }
    }

    public static String scalar(DataSource dataSource, String query) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).as("a row for: " + query).isTrue();
            return rows.getString(1);
        }
    }
}
