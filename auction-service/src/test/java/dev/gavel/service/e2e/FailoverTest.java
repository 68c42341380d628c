package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.testing.Sql;
import dev.gavel.primitives.PayloadId;
import dev.gavel.service.testing.Bidders;
import dev.gavel.service.testing.ChildGavel;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.simulation.EngineClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;

/**
 * Two instances over one PostgreSQL, as the chart runs them: one is the auctioneer, the other a standby that
 * refuses rollup-boost. When the active one is killed (kill -9) or frozen (SIGSTOP) mid-round, the standby is
 * ready within 2 s and opens the next round on the head the active one last saw, which it learned from
 * PostgreSQL; every bid the active one acknowledged is there. A frozen one that wakes is deposed: it refuses
 * rollup-boost and reports itself broken.
 */
class FailoverTest {
    private static final List<ECKeyPair> BUILDERS =
            List.of(AuctionFixtures.builderKey(0), AuctionFixtures.builderKey(1), AuctionFixtures.builderKey(2));
    private static final long TAKEOVER_LIMIT_MILLIS = 2_000;

    @TempDir
    Path temp;

    @Test
    void theStandbyTakesOverWithinTwoSecondsOfTheActiveOnesKill() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(temp.resolve("pg"))) {
            Pair pair = Pair.launch(database, temp);
            try {
                Round round = pair.roundOnTheActiveOne(database);
                long started = System.nanoTime();
                pair.active.killHard();

                pair.awaitTakeover(started);

                pair.standbyOpensTheNextRound(round.parent());
                assertThat(acknowledgedBidsOf(database, round.roundId())).isEqualTo(BUILDERS.size());
                assertThat(Sql.scalar(
                                database.dataSource(), "select status from rounds where round_id = " + round.roundId()))
                        .isEqualTo("aborted");
            } finally {
                pair.stop();
            }
        }
    }

    @Test
    void theStandbyTakesOverWithinTwoSecondsOfTheActiveOnesFreezeAndTheWokenOneIsFencedOff() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(temp.resolve("pg"))) {
            Pair pair = Pair.launch(database, temp);
            try {
                Round round = pair.roundOnTheActiveOne(database);
                long started = System.nanoTime();
                pair.active.freeze();

                pair.awaitTakeover(started);
                pair.standbyOpensTheNextRound(round.parent());
                pair.active.thaw();

                await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(100))
                        .ignoreExceptions()
                        .until(() ->
                                pair.active.health("/actuator/health/liveness").contains("\"status\":\"DOWN\""));
                assertThat(pair.active.ready()).isFalse();
                assertThat(pair.active.health("/actuator/health")).contains("\"role\":\"deposed\"");
                assertNotTheAuctioneer(pair.engine(pair.activeEngine), round.parent());
                assertThat(pair.standby.ready()).isTrue();
                assertThat(acknowledgedBidsOf(database, round.roundId())).isEqualTo(BUILDERS.size());
            } finally {
                pair.stop();
            }
        }
    }

    private static long acknowledgedBidsOf(EmbeddedDatabase database, long roundId) throws Exception {
        return Long.parseLong(Sql.scalar(
                database.dataSource(),
                "select count(*) from bids b join bid_ciphertexts c on c.bid_id = b.bid_id"
                        + " where b.status = 'accepted' and b.round_id = " + roundId));
    }

    private static void assertNotTheAuctioneer(EngineClient engine, ExecutionPayload parent) throws Exception {
        JsonNode answer = engine.call(
                "engine_forkchoiceUpdatedV3",
                Sequencer.forkchoice(parent.blockHash()),
                SimulatedBlocks.attributes(Instant.now().plusSeconds(30).getEpochSecond(), 77));
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32001);
        assertThat(answer.path("error").path("message").asString()).contains("not the active auctioneer");
    }

    /** A round the active instance opened, on {@code parent}, with every builder's bid acknowledged. */
    private record Round(long roundId, ExecutionPayload parent) {}

    /** An active instance and a standby, sharing the database and the data directory (JWT secret, auction key). */
    private static final class Pair {
        final Path dataDir;
        final ChildGavel active;
        final ChildGavel standby;
        final int activeHttp;
        final int activeEngine;
        final int standbyEngine;

        private Pair(
                Path dataDir,
                ChildGavel active,
                ChildGavel standby,
                int activeHttp,
                int activeEngine,
                int standbyEngine) {
            this.dataDir = dataDir;
            this.active = active;
            this.standby = standby;
            this.activeHttp = activeHttp;
            this.activeEngine = activeEngine;
            this.standbyEngine = standbyEngine;
        }

        static Pair launch(EmbeddedDatabase database, Path temp) throws Exception {
            Path dataDir = temp.resolve("data");
            int[] ports = {ChildGavel.freePort(), ChildGavel.freePort(), ChildGavel.freePort(), ChildGavel.freePort()};
            ChildGavel active = ChildGavel.launch(
                    RunningGavel.arguments(database, dataDir, BUILDERS, ports[0], ports[1]), temp.resolve("a.log"));
            ChildGavel standby;
            try {
                standby = ChildGavel.launchStandby(
                        RunningGavel.arguments(database, dataDir, BUILDERS, ports[2], ports[3]), temp.resolve("b.log"));
            } catch (RuntimeException | Error e) {
                active.killHard();
                throw e;
            }
            Pair pair = new Pair(dataDir, active, standby, ports[0], ports[1], ports[3]);
            assertThat(active.ready()).isTrue();
            assertThat(standby.ready())
                    .as("only the active auctioneer is ready")
                    .isFalse();
            return pair;
        }

        EngineClient engine(int port) throws Exception {
            return ChildGavel.engine(dataDir, port);
        }

        Round roundOnTheActiveOne(EmbeddedDatabase database) throws Exception {
            EngineClient engine = engine(activeEngine);
            ExecutionPayload parent = Sequencer.declareBlock(engine, 500, new Random(5));
            engine.call("engine_forkchoiceUpdatedV3", Sequencer.forkchoice(parent.blockHash()), null);
            assertNotTheAuctioneer(engine(standbyEngine), parent);
            PayloadAttributes attributes =
                    SimulatedBlocks.attributes(Instant.now().plusSeconds(60).getEpochSecond(), 500);
            Sequencer.openRound(engine, parent, attributes);
            Bidders.everyOneBids(URI.create("http://127.0.0.1:" + activeHttp), BUILDERS, parent, attributes);
            long roundId = Long.parseLong(
                    Sql.scalar(database.dataSource(), "select round_id from rounds where block_number = 501"));
            return new Round(roundId, parent);
        }

        /** Waits for the standby to report itself ready, asking every 20 ms, and checks how long it took. */
        void awaitTakeover(long startedNanos) throws InterruptedException {
            while (!standby.ready()) {
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos))
                        .as("the standby took over")
                        .isLessThan(TAKEOVER_LIMIT_MILLIS);
                Thread.sleep(20);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos))
                    .isLessThan(TAKEOVER_LIMIT_MILLIS);
        }

        /** The first forkchoice update the new auctioneer gets opens a round: it knows the head from PostgreSQL. */
        void standbyOpensTheNextRound(ExecutionPayload parent) throws Exception {
            PayloadAttributes attributes =
                    SimulatedBlocks.attributes(Instant.now().plusSeconds(61).getEpochSecond(), 501);
            PayloadId payloadId = Sequencer.openRound(engine(standbyEngine), parent, attributes);
            assertThat(payloadId).isNotNull();
        }

        void stop() throws InterruptedException {
            active.killHard();
            standby.stop();
        }
    }
}
