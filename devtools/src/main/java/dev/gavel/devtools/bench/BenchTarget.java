package dev.gavel.devtools.bench;

import dev.gavel.bidding.engine.EngineJwt;
import dev.gavel.simulation.EngineClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The Gavel under load: its builders' API, its Engine API and the JWT secret shared with it; where known, its
 * metrics (CPU, heap), its database (is every acknowledged bid there?) and its process (to force a GC in).
 */
record BenchTarget(
        URI http,
        URI engine,
        Path jwtSecret,
        Optional<ServiceMetrics> metrics,
        Optional<DataSource> database,
        Optional<ServiceJvm> process) {

    /** An Engine API client holding the service's JWT secret, as rollup-boost does. */
    EngineClient engineClient() throws IOException {
        EngineJwt jwt = new EngineJwt(
                EngineJwt.parseSecret(Files.readString(jwtSecret)), Clock.systemUTC(), Duration.ofSeconds(60));
        return new EngineClient(engine, jwt);
    }

    URI ws(String path) {
        return URI.create(http.toString().replaceFirst("^http", "ws") + path);
    }
}
