package dev.gavel.service.testing;

import dev.gavel.attestation.pki.TrustAnchor;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.engine.EngineJwt;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.primitives.Address;
import dev.gavel.service.GavelApplication;
import dev.gavel.service.channel.ChannelFeed;
import dev.gavel.service.engineapi.EngineApiServer;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.Http11;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.web3j.crypto.ECKeyPair;

/** The whole service on random ports over a test-owned embedded PostgreSQL, as `gavel serve` runs it. */
public final class RunningGavel implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final Path dataDir;

    private RunningGavel(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
    }

    /** Starts Gavel; {@code overrides} ("--key=value") replace the defaults of {@link #arguments} with the same key. */
    public static RunningGavel start(
            EmbeddedDatabase database, Path dataDir, List<ECKeyPair> builders, String... overrides) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GavelApplication.class)
                .run(arguments(database, dataDir, builders, 0, 0, overrides));
        return new RunningGavel(context, dataDir);
    }

    /**
     * As {@link #start}, verifying quotes against {@code root} instead of the Intel SGX Root CA pinned in the
     * build: a test's synthetic DCAP world. No setting can do this; only a bean the test registers.
     */
    public static RunningGavel startTrusting(
            TrustAnchor root, EmbeddedDatabase database, Path dataDir, String... overrides) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GavelApplication.class)
                .initializers(starting -> starting.getBeanFactory().registerSingleton("testRoot", root))
                .run(arguments(database, dataDir, List.of(), 0, 0, overrides));
        return new RunningGavel(context, dataDir);
    }

    /** {@link #arguments} with {@code overrides} ("--key=value") in place of the defaults with the same key. */
    public static String[] arguments(
            EmbeddedDatabase database,
            Path dataDir,
            List<ECKeyPair> builders,
            int httpPort,
            int enginePort,
            String... overrides) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : arguments(database, dataDir, builders, httpPort, enginePort)) {
            args.put(key(arg), arg);
        }
        for (String override : overrides) {
            args.put(key(override), override);
        }
        return args.values().toArray(String[]::new);
    }

    /** The command-line arguments of a Gavel for this process or a child one; port 0 picks a free port. */
    public static String[] arguments(
            EmbeddedDatabase database, Path dataDir, List<ECKeyPair> builders, int httpPort, int enginePort) {
        return new String[] {
            "--server.port=" + httpPort,
            "--management.server.port=0",
            "--gavel.engine.port=" + enginePort,
            "--gavel.engine.host=127.0.0.1",
            "--gavel.data-dir=" + dataDir,
            "--gavel.database.url=" + database.jdbcUrl(),
            "--gavel.database.username=" + database.user(),
            "--gavel.auction.chain-id=" + AuctionFixtures.CHAIN_ID,
            "--gavel.auction.settlement-contract=" + AuctionFixtures.SETTLEMENT,
            "--gavel.auction.policy.reserve-price=1000",
            "--gavel.auction.policy.beneficiary=" + AuctionFixtures.BENEFICIARY,
            "--gavel.auction.builders="
                    + builders.stream()
                            .map(AuctionFixtures::address)
                            .map(Address::toHex)
                            .collect(Collectors.joining(",")),
            "--gavel.bids.max-body-size=256KB",
            "--logging.level.io.zonky=WARN"
        };
    }

    private static String key(String arg) {
        int equals = arg.indexOf('=');
        return equals < 0 ? arg : arg.substring(0, equals);
    }

    public URI http() {
        return URI.create("http://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** The body of {@code path} on the management port, e.g. {@code /actuator/health/attestation}. */
    public String operations(String path) throws IOException, InterruptedException {
        return Http11.client()
                .send(
                        java.net.http.HttpRequest.newBuilder(URI.create(management() + path))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /**
     * The value of one series in a scrape of the management port, named exactly as the scrape writes it (e.g. {@code
     * gavel_bids_shed_total{status="503"}}); 0 when the scrape has no such series.
     */
    public double metric(String series) throws IOException, InterruptedException {
        String prefix = series + " ";
        return operations("/actuator/prometheus")
                .lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length())))
                .findFirst()
                .orElse(0);
    }

    /** The management port (health, metrics), apart from the builders' public port. */
    public URI management() {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port"));
    }

    public URI ws(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort() + pathAndQuery);
    }

    /** The builder channel's feed, for a test that publishes many messages to it without running rounds. */
    public ChannelFeed channel() {
        return context.getBean(ChannelFeed.class);
    }

    public EngineClient engine() throws IOException {
        return new EngineClient(engineUri(), jwt());
    }

    /** The Engine API's address, for a test that writes its requests by hand. */
    public URI engineUri() {
        return URI.create(
                "http://127.0.0.1:" + context.getBean(EngineApiServer.class).port());
    }

    public EngineJwt jwt() throws IOException {
        return new EngineJwt(
                EngineJwt.parseSecret(Files.readString(dataDir.resolve("jwt.hex"))),
                Clock.systemUTC(),
                Duration.ofSeconds(60));
    }

    public BuilderClient builder(ECKeyPair key) throws IOException, InterruptedException {
        BuilderClient client = new BuilderClient(http(), Http11.client(), key, AuctionFixtures.DOMAIN);
        client.fetchAuctionKey();
        return client;
    }

    @Override
    public void close() {
        context.close();
    }
}
