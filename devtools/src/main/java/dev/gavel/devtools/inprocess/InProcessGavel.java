package dev.gavel.devtools.inprocess;

import dev.gavel.bidding.engine.EngineJwt;
import dev.gavel.devtools.service.GavelService;
import dev.gavel.service.GavelApplication;
import dev.gavel.service.engineapi.EngineApiServer;
import dev.gavel.simulation.EngineClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The auction service started in this JVM on free loopback ports, for the devnet and the load generator. */
public final class InProcessGavel implements GavelService {
    private final ConfigurableApplicationContext context;
    private final Path dataDir;

    private InProcessGavel(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
    }

    /** Starts Gavel with its data (embedded PostgreSQL, JWT secret, auction key) in {@code dataDir}; {@code settings} are "--key=value". */
    public static InProcessGavel start(Path dataDir, List<String> settings) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--gavel.engine.port=0",
                "--gavel.engine.host=127.0.0.1",
                "--gavel.data-dir=" + dataDir,
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.level.io.zonky=ERROR",
                // the owner closes it, after reading what it needs (a devnet's summary on Ctrl-C)
                "--spring.main.register-shutdown-hook=false"));
        args.addAll(settings);
        return new InProcessGavel(
                new SpringApplicationBuilder(GavelApplication.class).run(args.toArray(String[]::new)), dataDir);
    }

    @Override
    public URI http() {
        return URI.create("http://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Override
    public URI ws(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort() + pathAndQuery);
    }

    @Override
    public EngineClient engine() throws IOException {
        return new EngineClient(engineUri(), jwt());
    }

    /** Mints the Engine API's tokens with the service's secret. */
    public EngineJwt jwt() throws IOException {
        return new EngineJwt(
                EngineJwt.parseSecret(Files.readString(dataDir.resolve("jwt.hex"))),
                Clock.systemUTC(),
                Duration.ofSeconds(60));
    }

    /** One of the service's parts, for a tool that reads its state (the orderflow bench: the channel's counters). */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public DataSource database() {
        return context.getBean(DataSource.class);
    }

    @Override
    public void close() {
        context.close();
    }

    /** The Engine API's address, for a client that brings its own JWT secret (a load generator told only URLs). */
    public URI engineUri() {
        return URI.create(
                "http://127.0.0.1:" + context.getBean(EngineApiServer.class).port());
    }

    /** The management port (health, metrics), apart from the builders' public port. */
    public URI management() {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port"));
    }
}
