package dev.gavel.service.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where Gavel keeps its local files: embedded PostgreSQL's data and generated dev secrets (GAVEL_DATA_DIR). */
@Validated
@ConfigurationProperties("gavel")
public record GavelProperties(@NotNull Path dataDir) {}
