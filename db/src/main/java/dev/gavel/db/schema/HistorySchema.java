package dev.gavel.db.schema;

import dev.gavel.db.upkeep.HistoryPartitions;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a PostgreSQL database to the current history schema (numbered Flyway migrations), with the partitions
 * that rows arriving now and in the next {@link HistoryPartitions#AHEAD} go to.
 */
public final class HistorySchema {
    private HistorySchema() {}

    public static MigrateResult migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        try {
            new HistoryPartitions(dataSource).ensureAhead(Instant.now());
        } catch (SQLException e) {
            throw new IllegalStateException("the history's partitions could not be made: " + e.getMessage(), e);
        }
        return result;
    }
}
