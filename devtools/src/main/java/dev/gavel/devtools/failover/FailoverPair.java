package dev.gavel.devtools.failover;

import dev.gavel.bidding.engine.EngineJwt;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.devtools.service.GavelService;
import dev.gavel.simulation.EngineClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Two `gavel serve` processes on one PostgreSQL, as the chart would run a pair, behind a {@link ReadinessProxy}
 * that routes the builders' API and the Engine API to whichever reports itself ready (the holder of the lease), as
 * a Kubernetes Service does. They share a data directory, so one JWT secret and one auction key: builders and
 * rollup-boost need not know which one answers.
 */
public final class FailoverPair implements GavelService {
    private static final Duration START_PATIENCE = Duration.ofSeconds(120);
    private static final int HTTP = 0;
    private static final int ENGINE = 1;

    private final Path dataDir;
    private final EmbeddedDatabase database;
    private final List<ServiceProcess> instances;
    private final ReadinessProxy proxy;

    private FailoverPair(
            Path dataDir, EmbeddedDatabase database, List<ServiceProcess> instances, ReadinessProxy proxy) {
        this.dataDir = dataDir;
        this.database = database;
        this.instances = List.copyOf(instances);
        this.proxy = proxy;
    }

    /**
     * Starts PostgreSQL in {@code dataDir}, then instance "a" (which becomes the active auctioneer and writes the JWT
     * secret and the auction key), then "b" (a standby), with {@code settings} ("--key=value"), and the proxy in
     * front of them. Whatever started is stopped again if a later part fails.
     */
    public static FailoverPair start(Path dataDir, List<String> settings) throws IOException, InterruptedException {
        EmbeddedDatabase database = EmbeddedDatabase.start(dataDir.resolve("postgres"));
        List<ServiceProcess> instances = new ArrayList<>();
        try {
            List<String> shared = new ArrayList<>(List.of(
                    "--gavel.data-dir=" + dataDir,
                    "--gavel.database.url=" + database.jdbcUrl(),
                    "--gavel.database.username=" + database.user(),
                    "--spring.main.banner-mode=off"));
            shared.addAll(settings);
            ServiceProcess active = ServiceProcess.start("a", shared, dataDir.resolve("gavel-a.log"));
            instances.add(active);
            active.awaitReady(START_PATIENCE);
            ServiceProcess standby = ServiceProcess.start("b", shared, dataDir.resolve("gavel-b.log"));
            instances.add(standby);
            standby.awaitAlive(START_PATIENCE);
            ReadinessProxy proxy = ReadinessProxy.start(
                    instances, List.of(ServiceProcess::httpPort, ServiceProcess::enginePort), START_PATIENCE);
            return new FailoverPair(dataDir, database, instances, proxy);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stopAll(instances);
            database.close();
            throw e;
        }
    }

    /** The builders' API, through the proxy. */
    @Override
    public URI http() {
        return URI.create("http://127.0.0.1:" + proxy.port(HTTP));
    }

    /** A websocket on the builders' port, through the proxy (a connection to an instance that fails is closed). */
    @Override
    public URI ws(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + proxy.port(HTTP) + pathAndQuery);
    }

    /** The Engine API through the proxy, with the pair's JWT secret: what rollup-boost's Service URL gives it. */
    @Override
    public EngineClient engine() throws IOException {
        return new EngineClient(URI.create("http://127.0.0.1:" + proxy.port(ENGINE)), jwt());
    }

    /** The Engine API of {@code instance} itself, bypassing the proxy: to ask one that should not answer. */
    EngineClient engineOf(ServiceProcess instance) throws IOException {
        return new EngineClient(URI.create("http://127.0.0.1:" + instance.enginePort()), jwt());
    }

    private EngineJwt jwt() throws IOException {
        return new EngineJwt(
                EngineJwt.parseSecret(Files.readString(dataDir.resolve("jwt.hex"))),
                Clock.systemUTC(),
                Duration.ofSeconds(60));
    }

    @Override
    public DataSource database() {
        return database.dataSource();
    }

    /** The instance the proxy routes to now; fails when none is ready. */
    ServiceProcess active() {
        return proxy.routed().orElseThrow(() -> new IllegalStateException("no instance of the pair is ready"));
    }

    /** The instance that is not {@code instance}. */
    ServiceProcess other(ServiceProcess instance) {
        return instances.get(0) == instance ? instances.get(1) : instances.get(0);
    }

    /** When {@code instance} last became ready as the proxy saw it (System.nanoTime), if it is ready. */
    OptionalLong readySince(ServiceProcess instance) {
        return proxy.readySince(instance);
    }

    /** Stops the proxy, both instances (a frozen one woken first, so nothing is left stopped) and PostgreSQL. */
    @Override
    public void close() {
        proxy.close();
        try {
            stopAll(instances);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
    }

    private static void stopAll(List<ServiceProcess> instances) throws InterruptedException {
        for (ServiceProcess instance : instances.reversed()) {
            instance.stop();
        }
    }
}
