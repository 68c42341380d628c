package dev.gavel.db.sql;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure is the database's state rather than the rows sent: a connection lost or not to be had, a
 * statement cancelled by {@code statement_timeout}, a lock not granted, the server out of resources or
 * shutting down. Such a failure says nothing about the rows, so retrying them one by one would only wait the
 * timeout again for each. Its causes, a batch's next exceptions and what was suppressed on the way (a rollback
 * that found the connection closed) are looked at too: a driver may report a dead connection otherwise.
 */
public final class DatabaseFaults {
    private DatabaseFaults() {}

    public static boolean unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof SQLTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && (unavailableState(sql.getSQLState())
                            || (sql.getNextException() != null && unavailable(sql.getNextException())))) {
                return true; // a batch's failure names the statement's in its next exception
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (unavailable(suppressed)) {
                    return true; // the rollback after it found the connection closed
                }
            }
        }
        return false;
    }

    /** 08: connection exception; 53: insufficient resources; 57: operator intervention (57014: statement
     * timeout, 57P01: server shutdown); 55P03: lock not available. */
    private static boolean unavailableState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("53")
                        || state.startsWith("57")
                        || state.equals("55P03"));
    }
}
