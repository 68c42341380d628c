package dev.gavel.service.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The history's upkeep (docs/analytics.md): how long accepted bids' sealed ciphertext is kept (a partition goes
 * only once it is this old and all its rounds are closed and settled; the revealed fields stay), and how often
 * partitions are made ahead, expired ones dropped and the daily statistics rolled up.
 */
@Validated
@ConfigurationProperties("gavel.history")
public record HistoryProperties(
        @DefaultValue("24h") Duration ciphertextRetention,
        @DefaultValue("1m") Duration upkeepInterval) {

    public HistoryProperties {
        if (ciphertextRetention.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("gavel.history.ciphertext-retention (" + ciphertextRetention
                    + ") must be at least 1h: ciphertext is dropped an hour's partition at a time");
        }
        if (upkeepInterval.isNegative()
                || upkeepInterval.isZero()
                || upkeepInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(
                    "gavel.history.upkeep-interval (" + upkeepInterval + ") must be positive and at most 1h");
        }
    }
}
