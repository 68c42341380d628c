package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.simulation.SimulatedBlocks;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.service.Gavel;
import dev.gavel.service.engineapi.EngineJwt;
import dev.gavel.service.simulation.Http11;
import dev.gavel.service.testing.AuctionFixtures;
import dev.gavel.service.simulation.EngineClient;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.db.testing.Sql;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/** Acknowledged bids survive a hard stop (kill -9) of the service; the interrupted round is recorded as aborted. */
class CrashSafetyTest {
    static final List<ECKeyPair> BUILDERS = List.of(AuctionFixtures.builderKey(0), AuctionFixtures.builderKey(1), AuctionFixtures.builderKey(2));
    @TempDir
    Path temp;

    @Test
    void acknowledgedBidsSurviveAHardStopAndTheRoundIsAborted() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(temp.resolve("pg"))) {
            int http = freePort();
            int enginePort = freePort();
            Process first = launch(database, http, enginePort);
            long roundId;
            try {
                awaitHealthy(http);
                EngineClient engine = new EngineClient(URI.create("http://127.0.0.1:" + enginePort), jwt());
                ExecutionPayload parent = Sequencer.declareBlock(engine, 500, new Random(5));
                PayloadAttributes attributes = SimulatedBlocks.attributes(Instant.now().plusSeconds(60).getEpochSecond(), 500);
                Sequencer.openRound(engine, parent, attributes);
                for (int i = 0; i < BUILDERS.size(); i++) {
                    BuilderClient builder = new BuilderClient(URI.create("http://127.0.0.1:" + http), Http11.client(), BUILDERS.get(i), AuctionFixtures.DOMAIN);
                    builder.fetchAuctionKey();
                    AuctionFixtures.Offer offer = AuctionFixtures.offer(BUILDERS.get(i), parent.blockNumber().next(), parent.blockHash(), attributes, 2_000 + i, i);
                    assertThat(builder.submit(offer.bid(), offer.envelope()).get()).isInstanceOf(SubmitResult.Accepted.class);
                }
                roundId = Long.parseLong(Sql.scalar(database.dataSource(), "select round_id from rounds where block_number = 501"));
            } finally {
                first.destroyForcibly().waitFor();
            }

            assertThat(Sql.scalar(database.dataSource(), "select count(*) from bids where status = 'accepted' and ciphertext is not null and round_id = " + roundId))
                    .isEqualTo("3");
            assertThat(Sql.scalar(database.dataSource(), "select status from rounds where round_id = " + roundId)).isEqualTo("open");

            Process second = launch(database, http, enginePort);
            try {
                awaitHealthy(http);
                assertThat(Sql.scalar(database.dataSource(), "select status from rounds where round_id = " + roundId)).isEqualTo("aborted");
                assertThat(Sql.scalar(database.dataSource(), "select count(*) from bids where round_id = " + roundId)).isEqualTo("3");
            } finally {
                second.destroy();
                second.waitFor();
            }
        }
    }

    private Process launch(EmbeddedDatabase database, int http, int engine) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), Gavel.class.getName(), "serve"));
        command.addAll(List.of(RunningGavel.arguments(database, temp.resolve("data"), BUILDERS, http, engine)));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(temp.resolve("gavel.log").toFile())).start();
    }

    private EngineJwt jwt() throws IOException {
        return new EngineJwt(EngineJwt.parseSecret(Files.readString(temp.resolve("data/jwt.hex"))), Clock.systemUTC(), Duration.ofSeconds(60));
    }

    private static void awaitHealthy(int http) {
        HttpClient client = Http11.client();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/actuator/health")).build();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> client.send(health, HttpResponse.BodyHandlers.ofString()).body().contains("\"status\":\"UP\""));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
