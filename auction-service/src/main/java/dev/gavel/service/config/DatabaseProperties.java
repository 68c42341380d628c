package dev.gavel.service.config;

import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * PostgreSQL: an external server by URL, user and password file; without a URL, an embedded server in
 * the data directory. The history writer's queue and batch bounds live here too, and the bounds of every
 * wait on the database: a statement is cancelled by the server after {@code statementTimeout}, a connection
 * that stays silent longer than {@code socketTimeout} is given up, and a connection is waited for at most
 * {@code connectionTimeout}. So a stalled database fails acknowledgements instead of holding them.
 */
@Validated
@ConfigurationProperties("gavel.database")
public record DatabaseProperties(
        String url,
        @DefaultValue("gavel") String username,
        Path passwordFile,
        @DefaultValue("8") @Min(2) int poolSize,
        @DefaultValue("100000") @Min(1) int writeQueueCapacity,
        @DefaultValue("512") @Min(1) int writeBatchSize,
        @DefaultValue("5s") Duration statementTimeout,
        @DefaultValue("10s") Duration socketTimeout,
        @DefaultValue("5s") Duration connectionTimeout) {

    public DatabaseProperties {
        if (statementTimeout.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "gavel.database.statement-timeout must be at least 1ms, got " + statementTimeout);
        }
        if (socketTimeout.compareTo(statementTimeout) <= 0) {
            throw new IllegalArgumentException("gavel.database.socket-timeout (" + socketTimeout
                    + ") must exceed gavel.database.statement-timeout (" + statementTimeout
                    + "), so the server cancels a slow statement before the connection is given up");
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException(
                    "gavel.database.connection-timeout must be at least 250ms, got " + connectionTimeout);
        }
    }

    /** The PostgreSQL driver counts its socket timeout in whole seconds: rounded up. */
    public int socketTimeoutSeconds() {
        return Math.toIntExact(Math.max(1, (socketTimeout.toMillis() + 999) / 1000));
    }

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
