package dev.gavel.db.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Reads one value straight from PostgreSQL, to check what the service stored. */
public final class Sql {
    private Sql() {}

    public static String scalar(DataSource dataSource, String query) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).as("a row for: " + query).isTrue();
            return rows.getString(1);
        }
    }
}
