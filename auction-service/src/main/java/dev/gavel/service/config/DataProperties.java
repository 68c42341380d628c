package dev.gavel.service.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The read-only data API ({@code /v1/data/*}, {@code /v1/builder/bids}) and the explorer page that reads it: its
 * own connection pool (never the auction's), the most rows one page may ask for, how long one query may run, and
 * how many reads may wait for a connection before the API answers {@code UNAVAILABLE}.
 */
@Validated
@ConfigurationProperties("gavel.data")
public record DataProperties(
        @DefaultValue("2") @Min(1) @Max(64) int poolSize,
        @DefaultValue("1000") @Min(1) @Max(10000) int maxLimit,
        @DefaultValue("5s") Duration queryTimeout,
        @DefaultValue("64") @Min(1) int maxQueued) {

    /** Rows a page has when the request names no limit. */
    public int defaultLimit() {
        return Math.min(100, maxLimit);
    }

    public DataProperties {
        if (queryTimeout.toMillis() < 1 || queryTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException(
                    "gavel.data.query-timeout (" + queryTimeout + ") must be from 1ms to 1m");
        }
    }
}
