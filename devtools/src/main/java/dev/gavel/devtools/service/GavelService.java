package dev.gavel.devtools.service;

import dev.gavel.simulation.EngineClient;
import java.io.IOException;
import java.net.URI;
import javax.sql.DataSource;

/** An auction service a developer tool drives: in this JVM, or a pair of processes behind a readiness proxy. */
public interface GavelService extends AutoCloseable {
    /** The builders' API. */
    URI http();

    /** A websocket on the builders' port, e.g. {@code /v1/builder} (the builder channel). */
    URI ws(String pathAndQuery);

    /** An Engine API client holding the service's JWT secret, as rollup-boost does. */
    EngineClient engine() throws IOException;

    /** Its PostgreSQL, to read back what it recorded. */
    DataSource database();

    @Override
    void close();
}
