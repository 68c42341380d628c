package dev.gavel.db.schema;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings a PostgreSQL database to the current history schema (numbered Flyway migrations). */
public final class HistorySchema {
    private HistorySchema() {}

    public static MigrateResult migrate(DataSource dataSource) {
        return migrations(dataSource).load().migrate();
    }

    /**
     * As {@link #migrate}, with no statement timeout on the connections the migration uses (a migration of a
     * large table may take long). They keep none afterwards either: a pool should replace them.
     */
    public static MigrateResult migrateUntimed(DataSource dataSource) {
        return migrations(dataSource)
                .initSql("set statement_timeout = 0")
                .load()
                .migrate();
    }

    private static FluentConfiguration migrations(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }
}
