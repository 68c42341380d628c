package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.core.testing.AuctionFixtures.Offer;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.schema.HistorySchema;
import dev.gavel.db.testing.Sql;
import dev.gavel.primitives.PayloadId;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.simulation.EngineClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;

/**
 * The history database misbehaving under a running service: a lock the writer needs, a server that stops
 * answering, a round id from before a backward clock step. Acknowledgements fail within the configured bounds
 * (statement timeout 1 s, socket timeout 2 s), the service carries on once the database does, and no round is
 * dropped.
 */
class StorageFaultsTest {
    static final ECKeyPair ALICE = AuctionFixtures.builderKey(0);
    /** A round recorded an hour ahead of the clock, as a previous run leaves it when the clock then steps back. */
    static final long RECORDED_AHEAD = Instant.now().plus(Duration.ofHours(1)).toEpochMilli() * 1000;

    @TempDir
    static Path temp;

    static EmbeddedDatabase database;
    static RunningGavel gavel;
    static EngineClient engine;
    static BuilderClient alice;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        HistorySchema.migrate(database.dataSource());
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("insert into rounds (round_id, payload_id, block_number, parent_hash, block_timestamp,"
                    + " attributes, policy_version, format, reserve_price, bid_cutoff_ms, max_bids_per_builder,"
                    + " min_builder_balance, beneficiary, bid_deadline, opened_at, status) values (" + RECORDED_AHEAD
                    + ", '\\x01', 1, '\\x02', 1, '{}', 1, 'second-price', 0, 100, 4, 0, '\\x03', now(), now(),"
                    + " 'closed')");
        }
        gavel = RunningGavel.start(
                database,
                temp.resolve("data"),
                List.of(ALICE),
                "--gavel.database.statement-timeout=1s",
                "--gavel.database.socket-timeout=2s",
                "--gavel.database.connection-timeout=1s");
        engine = gavel.engine();
        alice = gavel.builder(ALICE);
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
    }

    @Test
    void roundIdsContinueAboveTheLastRecordedOneAfterTheClockSteppedBack() throws Exception {
        OpenRound round = openRound(40_000, 1);

        SubmitResult accepted = submit(round, 5_000, 1);

        assertThat(accepted)
                .isInstanceOfSatisfying(
                        SubmitResult.Accepted.class,
                        a -> assertThat(a.receipt().roundId()).isGreaterThan(RECORDED_AHEAD));
        long roundId = ((SubmitResult.Accepted) accepted).receipt().roundId();
        assertThat(query("select count(*) from rounds where round_id = " + roundId + " and block_number = 40001"))
                .isEqualTo("1");
    }

    @Test
    void aLockOnTheBidsTableFailsAcknowledgementsWithinTheStatementTimeout() throws Exception {
        OpenRound round = openRound(41_000, 2);
        try (Connection locker = database.dataSource().getConnection();
                Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("lock table bids in access exclusive mode");

            Timed<SubmitResult> stalled = timed(() -> submit(round, 6_000, 2));

            assertUnavailable(stalled.value());
            assertThat(stalled.took()).as("two statement timeouts at most").isLessThan(Duration.ofSeconds(3));
            locker.rollback();
        }

        assertThat(submit(round, 7_000, 3)).isInstanceOf(SubmitResult.Accepted.class);
        JsonNode winner =
                engine.call("engine_getPayloadV4", round.payloadId().toHex()).get("result");
        assertThat(winner.get("blockValue").asString()).isEqualTo("0x" + Long.toHexString(7_000));
    }

    @Test
    void aDatabaseServerThatStopsAnsweringFailsAcknowledgementsWithinTheSocketTimeout() throws Exception {
        OpenRound round = openRound(42_000, 3);
        List<Long> server = serverProcesses();
        signal("-STOP", server);
        try {
            Timed<SubmitResult> stalled = timed(() -> submit(round, 6_000, 4));

            assertUnavailable(stalled.value());
            assertThat(stalled.took())
                    .as("a connection wait and a socket timeout at most")
                    .isLessThan(Duration.ofSeconds(6));
        } finally {
            signal("-CONT", server);
        }

        assertThat(submit(round, 7_000, 5)).isInstanceOf(SubmitResult.Accepted.class);
    }

    private static OpenRound openRound(long parentNumber, long seed) throws Exception {
        ExecutionPayload parent = Sequencer.declareBlock(engine, parentNumber, new Random(seed));
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(30).getEpochSecond(), parentNumber);
        PayloadId payloadId = Sequencer.openRound(engine, parent, attributes);
        String recorded = "select count(*) from rounds where block_number = " + (parentNumber + 1);
        for (int wait = 0; wait < 50 && !query(recorded).equals("1"); wait++) {
            Thread.sleep(100); // the round's row goes out in the next group commit
        }
        return new OpenRound(parent, attributes, payloadId);
    }

    private static SubmitResult submit(OpenRound round, long value, long seed) throws Exception {
        Offer offer = AuctionFixtures.offer(
                ALICE,
                round.parent().blockNumber().next(),
                round.parent().blockHash(),
                round.attributes(),
                value,
                seed);
        return alice.submit(
                        offer.bid(),
                        offer.envelope(),
                        AuctionFixtures.roundOf(round.parent().blockHash(), round.attributes()))
                .get(20, TimeUnit.SECONDS);
    }

    /** The embedded server's postmaster and its backends. */
    private static List<Long> serverProcesses() throws Exception {
        long postmaster =
                Long.parseLong(Files.readAllLines(temp.resolve("pg/postmaster.pid"), StandardCharsets.US_ASCII)
                        .get(0)
                        .strip());
        List<Long> pids = new ArrayList<>(List.of(postmaster));
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(process -> pids.add(process.pid()));
        return pids;
    }

    private static void signal(String signal, List<Long> pids) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static void assertUnavailable(SubmitResult result) {
        assertThat(result).isInstanceOfSatisfying(SubmitResult.Rejected.class, rejected -> {
            assertThat(rejected.error().code()).isEqualTo(RejectionCode.UNAVAILABLE);
            assertThat(rejected.httpStatus()).isEqualTo(503);
        });
    }

    private static <T> Timed<T> timed(Step<T> step) throws Exception {
        long start = System.nanoTime();
        T value = step.run();
        return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
    }

    private static String query(String sql) throws Exception {
        return Sql.scalar(database.dataSource(), sql);
    }

    private record OpenRound(ExecutionPayload parent, PayloadAttributes attributes, PayloadId payloadId) {}

    private record Timed<T>(T value, Duration took) {}

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }
}
