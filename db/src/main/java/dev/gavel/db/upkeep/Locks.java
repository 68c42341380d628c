package dev.gavel.db.upkeep;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A connection whose statements wait at most {@link #TIMEOUT} for a lock, and then fail. Upkeep's DDL needs
 * locks that the history writer's inserts would queue behind; a short wait keeps that queue short, and a pass
 * that gives up is simply repeated later.
 */
final class Locks implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofMillis(200);

    private final Connection connection;

    private Locks(Connection connection) {
        this.connection = connection;
    }

    static Locks bounded(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement set = connection.createStatement()) {
            set.execute("set lock_timeout = '" + TIMEOUT.toMillis() + "ms'");
        }
        return new Locks(connection);
    }

    @Override
    public void close() throws SQLException {
        try (Statement reset = connection.createStatement()) {
            reset.execute("reset lock_timeout");
        }
    }
}
