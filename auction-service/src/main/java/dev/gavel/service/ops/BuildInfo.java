package dev.gavel.service.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and commit this service was built from ({@code META-INF/gavel-build.properties}, written by the
 * build), shown as {@code gavel_build_info{version, commit} 1}: dashboards tell instances and rollouts apart by it.
 */
public record BuildInfo(String version, String commit) {
    private static final String RESOURCE = "/META-INF/gavel-build.properties";

    /** What the build wrote; "unknown" for what it could not tell (sources outside git, or no build step at all). */
    public static BuildInfo read() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new BuildInfo(properties.getProperty("version", "unknown"), properties.getProperty("commit", "unknown"));
    }

    public void register(MeterRegistry registry) {
        Gauge.builder("gavel.build.info", () -> 1)
                .description("the version and commit this service was built from")
                .tag("version", version)
                .tag("commit", commit)
                .register(registry);
    }
}
