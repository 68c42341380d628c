package dev.gavel.service.config;

import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * PostgreSQL: an external server by URL, user and password file; without a URL, an embedded server in
 * the data directory. The history writer's queue and batch bounds live here too.
 */
@Validated
@ConfigurationProperties("gavel.database")
public record DatabaseProperties(
        String url,
        @DefaultValue("gavel") String username,
        Path passwordFile,
        @DefaultValue("8") @Min(2) int poolSize,
        @DefaultValue("100000") @Min(1) int writeQueueCapacity,
        @DefaultValue("512") @Min(1) int writeBatchSize) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
