package dev.gavel.service.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** The Engine API that rollup-boost calls (GAVEL_ENGINE_PORT, GAVEL_JWT_SECRET_FILE). */
@Validated
@ConfigurationProperties("gavel.engine")
public record EngineProperties(
        @DefaultValue("0.0.0.0") @NotBlank String host,
        @DefaultValue("8551") @Min(0) @Max(65535) int port,
        Path jwtSecretFile,
        @DefaultValue("60s") Duration jwtIatTolerance,
        @DefaultValue("64MB") DataSize maxRequestSize) {

    public EngineProperties {
        // GAVEL_JWT_SECRET_FILE= (empty) means "not set": the service creates one in its data directory
        jwtSecretFile = jwtSecretFile == null || jwtSecretFile.toString().isBlank() ? null : jwtSecretFile;
    }
}
