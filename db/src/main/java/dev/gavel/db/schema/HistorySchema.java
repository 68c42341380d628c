package dev.gavel.db.schema;

import dev.gavel.db.upkeep.HistoryPartitions;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a PostgreSQL database to the current history schema (numbered Flyway migrations), with the partitions
 * that rows arriving now and in the next {@link HistoryPartitions#AHEAD} go to.
 */
public final class HistorySchema {
    private HistorySchema() {}

    public static MigrateResult migrate(DataSource dataSource) {
        return partitionedAhead(dataSource, migrations(dataSource).load().migrate());
    }

    /**
     * As {@link #migrate}, with no statement timeout on the connections the migration uses (a migration of a
     * large table may take long). They keep none afterwards either: a pool should replace them.
     */
    public static MigrateResult migrateUntimed(DataSource dataSource) {
        return partitionedAhead(
                dataSource,
                migrations(dataSource)
                        .initSql("set statement_timeout = 0")
                        .load()
                        .migrate());
    }

    private static MigrateResult partitionedAhead(DataSource dataSource, MigrateResult result) {
        try {
            new HistoryPartitions(dataSource).ensureAhead(Instant.now());
        } catch (SQLException e) {
            throw new IllegalStateException("the history's partitions could not be made: " + e.getMessage(), e);
        }
        return result;
    }

    private static FluentConfiguration migrations(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }
}
