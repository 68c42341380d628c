package dev.gavel.db.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.lease.Fence;
import dev.gavel.db.lease.FencedException;
import dev.gavel.db.schema.HistorySchema;
import dev.gavel.db.upkeep.BuilderDays;
import dev.gavel.db.upkeep.HistoryPartitions;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** The history schema and writer on a real PostgreSQL. */
class HistoryWriterTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    /** Finer than PostgreSQL's microseconds: the reveal must still find the bid by its arrival. */
    private static final Instant ARRIVAL = T0.plusNanos(300_123_789);

    @TempDir
    static Path dataDirectory;

    private static EmbeddedDatabase database;
    private static HistoryWriter writer;
    private static long nextRoundId = 1;

    @BeforeAll
    static void start() throws SQLException {
        database = EmbeddedDatabase.start(dataDirectory.resolve("pg"));
        HistorySchema.migrate(database.dataSource());
        new HistoryPartitions(database.dataSource()).ensure(T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(1)));
        writer = new HistoryWriter(database.dataSource(), 10_000, 256);
    }

    @AfterAll
    static void stop() {
        writer.close();
        database.close();
    }

    @Test
    void aRoundItsBidsAndItsOutcomeReachTheAnalystViews() throws Exception {
        long roundId = nextRoundId++;
        UUID winner = UUID.randomUUID();
        UUID loser = UUID.randomUUID();
        writer.write(round(roundId, 100));
        writer.write(acceptedBid(winner, roundId, (byte) 1));
        writer.write(acceptedBid(loser, roundId, (byte) 2));
        writer.tryWrite(rejectedBid(roundId, (byte) 2));
        OutcomeRow outcome = new OutcomeRow(
                roundId,
                BlockNumber.of(100),
                Hash32.of(bytes(32, 7)),
                PayloadId.of(bytes(8, 9)),
                "second-price",
                Address.of(bytes(20, 1)),
                winner,
                Wei.of(900),
                Wei.of(700),
                Address.of(bytes(20, 2)),
                loser,
                Wei.of(700),
                2,
                Hash32.of(bytes(32, 5)),
                T0.plusMillis(900));
        writer.write(new RoundClosure(
                        roundId,
                        RoundClosure.Status.CLOSED,
                        T0.plusMillis(900),
                        List.of(reveal(winner, 900), reveal(loser, 700)),
                        outcome))
                .get(10, TimeUnit.SECONDS);

        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            ResultSet result = sql.executeQuery("select * from auction_results where round_id = " + roundId);
            assertThat(result.next()).isTrue();
            assertThat(result.getString("status")).isEqualTo("closed");
            assertThat(result.getString("winner")).isEqualTo("0x" + "01".repeat(20));
            assertThat(result.getBigDecimal("price").longValueExact()).isEqualTo(700);
            assertThat(result.getInt("bid_count")).isEqualTo(2);
            assertThat(result.getBytes("winner_bytes")).isEqualTo(bytes(20, 1));

            ResultSet bids = sql.executeQuery(
                    "select status, rejection_code, value, gas_used, transaction_count from bid_history where round_id = "
                            + roundId + " order by status, value");
            List<String> seen = new ArrayList<>();
            while (bids.next()) {
                seen.add(bids.getString(1) + "/" + bids.getString(2) + "/" + bids.getBigDecimal(3) + "/"
                        + bids.getString(4) + "/" + bids.getString(5));
            }
            assertThat(seen)
                    .containsExactly(
                            "accepted/null/700/7000/7", "accepted/null/900/9000/9", "rejected/LATE_BID/null/null/null");

            assertThat(new BuilderDays(database.dataSource())
                            .rollUp(LocalDate.ofInstant(T0, ZoneOffset.UTC), LocalDate.ofInstant(T0, ZoneOffset.UTC)))
                    .isPositive();
            ResultSet stats =
                    sql.executeQuery("select * from builder_daily_stats where builder = '0x" + "01".repeat(20) + "'");
            assertThat(stats.next()).isTrue();
            assertThat(stats.getLong("rounds_won")).isPositive();
            assertThat(stats.getBigDecimal("wei_owed").longValueExact()).isGreaterThanOrEqualTo(700);
        }
    }

    @Test
    void acceptedBidsStaySealedUntilTheirRoundCloses() throws Exception {
        long roundId = nextRoundId++;
        UUID bid = UUID.randomUUID();
        writer.write(round(roundId, 101));
        writer.write(acceptedBid(bid, roundId, (byte) 3)).get(10, TimeUnit.SECONDS);

        assertThat(scalar("select value is null and block_hash is null and exists (select 1 from bid_ciphertexts c"
                        + " where c.bid_id = b.bid_id) from bids b where bid_id = '" + bid + "'"))
                .isEqualTo("t");
    }

    @Test
    void manyConcurrentWritesCommitInFewTransactions() throws Exception {
        long roundId = nextRoundId++;
        writer.write(round(roundId, 102));
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            acks.add(writer.write(acceptedBid(UUID.randomUUID(), roundId, (byte) 4)));
        }
        long batchesBefore = writer.committedBatches();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(scalar("select count(*) from bids where round_id = " + roundId))
                .isEqualTo("2000");
        assertThat(writer.committedBatches() - batchesBefore).isLessThan(2_000);
    }

    @Test
    void aFailingWriteFailsAloneAndTheRestCommit() throws Exception {
        long roundId = nextRoundId++;
        writer.write(round(roundId, 103));
        CompletableFuture<Void> orphan = writer.write(acceptedBid(UUID.randomUUID(), 999_999_999L, (byte) 5));
        CompletableFuture<Void> good = writer.write(acceptedBid(UUID.randomUUID(), roundId, (byte) 5));

        good.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> orphan.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(HistoryUnavailableException.class);
        assertThat(scalar("select count(*) from bids where round_id = " + roundId))
                .isEqualTo("1");
    }

    @Test
    void roundsLeftOpenAreAbortedAndOutcomesReplayInOrder() throws Exception {
        long open = nextRoundId++;
        writer.write(round(open, 104)).get(10, TimeUnit.SECONDS);
        HistoryQueries queries = new HistoryQueries(database.dataSource());

        assertThat(queries.abortOpenRounds(T0, Fence.NONE)).isPositive();
        assertThat(scalar("select status from rounds where round_id = " + open)).isEqualTo("aborted");
        List<OutcomeRow> replay = queries.outcomesFrom(BlockNumber.of(0), 0, 100);
        assertThat(replay).extracting(OutcomeRow::roundId).isSorted();
        assertThat(queries.outcomesFrom(BlockNumber.of(0), Long.MAX_VALUE, 100)).isEmpty();
    }

    @Test
    void anErrorStopsTheWriterAndFailsEveryWaitingWriteAtOnce() throws Exception {
        CountDownLatch inBatch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DataSource breaking = (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    inBatch.countDown();
                    release.await();
                    throw new StackOverflowError("injected by the test");
                });
        HistoryWriter dying = new HistoryWriter(breaking, 100, 1);
        try {
            CompletableFuture<Void> inHand = dying.write(round(nextRoundId++, 110));
            assertThat(inBatch.await(5, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Void>> waiting = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                waiting.add(dying.write(acceptedBid(UUID.randomUUID(), 1, (byte) 6)));
            }
            assertThat(dying.failure()).isEmpty();

            release.countDown();

            for (CompletableFuture<Void> write : concat(inHand, waiting)) {
                assertThatThrownBy(() -> write.get(5, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(HistoryUnavailableException.class)
                        .hasMessageContaining("StackOverflowError");
            }
            assertThat(dying.failure()).containsInstanceOf(StackOverflowError.class);
            assertThat(dying.write(round(nextRoundId++, 111))).isCompletedExceptionally();
            assertThat(dying.tryWrite(rejectedBid(1, (byte) 6))).isFalse();
        } finally {
            dying.close();
        }
    }

    @Test
    void anyOtherErrorFailsItsBatchAndTheWriterGoesOn() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        DataSource flaky = (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (broken.getAndSet(false)) {
                        throw new AssertionError("as PgJDBC asserts on a connection that died under a batch");
                    }
                    return method.invoke(database.dataSource(), args);
                });
        HistoryWriter writer = new HistoryWriter(flaky, 100, 16);
        try {
            CompletableFuture<Void> first = writer.write(round(nextRoundId++, 116));
            assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(HistoryUnavailableException.class);

            writer.write(round(nextRoundId++, 117)).get(5, TimeUnit.SECONDS);
            assertThat(writer.failure()).isEmpty();
        } finally {
            writer.close();
        }
    }

    @Test
    void aStalledDatabaseRefusesBidsWithinTheStatementTimeoutAndKeepsTheRest() throws Exception {
        PGSimpleDataSource timed = new PGSimpleDataSource();
        timed.setURL(database.jdbcUrl());
        timed.setUser(database.user());
        timed.setOptions("-c statement_timeout=500");
        HistoryWriter stalled = new HistoryWriter(timed, 100, 16);
        long roundId = nextRoundId++;
        try (Connection locker = database.dataSource().getConnection();
                Statement lock = locker.createStatement()) {
            stalled.write(round(roundId, 112)).get(10, TimeUnit.SECONDS);
            locker.setAutoCommit(false);
            lock.execute("lock table bids in access exclusive mode");

            long start = System.nanoTime();
            CompletableFuture<Void> bid = stalled.write(acceptedBid(UUID.randomUUID(), roundId, (byte) 7));
            CompletableFuture<Void> closure = stalled.write(
                    new RoundClosure(roundId, RoundClosure.Status.EXPIRED, T0.plusSeconds(3), List.of(), null));

            assertThatThrownBy(() -> bid.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(HistoryUnavailableException.class)
                    .hasMessageContaining("unavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            closure.get(5, TimeUnit.SECONDS); // the round is not locked: kept, then committed while bids still are
            assertThat(scalar("select status from rounds where round_id = " + roundId))
                    .isEqualTo("expired");
            assertThat(stalled.unavailableBatches()).isPositive();
            assertThat(stalled.failure()).isEmpty();

            locker.rollback();
            stalled.write(acceptedBid(UUID.randomUUID(), roundId, (byte) 7)).get(10, TimeUnit.SECONDS);
            assertThat(scalar("select count(*) from bids where round_id = " + roundId))
                    .isEqualTo("1");
        } finally {
            stalled.close();
        }
    }

    @Test
    void aRoundIdRecordedForAnotherRoundIsRefusedAndTheSameRoundAgainChangesNothing() throws Exception {
        long roundId = nextRoundId++;
        writer.write(round(roundId, 113)).get(10, TimeUnit.SECONDS);

        writer.write(round(roundId, 113)).get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> collision = writer.write(round(roundId, 114, PayloadId.of(bytes(8, 0x44))));

        assertThatThrownBy(() -> collision.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(HistoryUnavailableException.class)
                .hasMessageContaining("round id " + roundId)
                .hasMessageContaining("already recorded for another round");
        assertThat(scalar("select block_number from rounds where round_id = " + roundId))
                .isEqualTo("113");
    }

    @Test
    void theHighestRecordedRoundIdIsRead() throws Exception {
        long highest = 1L << 60;
        writer.write(round(highest, 115)).get(10, TimeUnit.SECONDS);

        assertThat(new HistoryQueries(database.dataSource()).highestRoundId()).isEqualTo(highest);
    }

    @Test
    void aStrikeIsKeptWithItsBlockAndOnlyUnresolvedWinsAreReadBackAsOwed() throws Exception {
        long struck = nextRoundId++;
        long payable = nextRoundId++;
        long submitted = nextRoundId++;
        long settled = nextRoundId++;
        Address mallory = Address.of(bytes(20, 0x66));
        for (long roundId : List.of(struck, payable, submitted, settled)) {
            writer.write(round(roundId, 300 + roundId));
            writer.write(new RoundClosure(
                    roundId, RoundClosure.Status.CLOSED, T0, List.of(), won(roundId, 300 + roundId, mallory)));
        }
        writer.write(new InclusionChange(struck, "not_included"));
        writer.write(new InclusionChange(payable, "payable"));
        StrikeRow strike = new StrikeRow(
                struck, mallory, BlockNumber.of(300 + struck), Hash32.of(bytes(32, 0x31)), Hash32.of(bytes(32, 0x32)));
        writer.write(strike);
        writer.write(strike).get(10, TimeUnit.SECONDS);
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            sql.executeUpdate("update outcome_settlements set state = 'submitted' where round_id = " + submitted);
            sql.executeUpdate("insert into settlement_batches (settler, nonce, state, items, mined_block)"
                    + " values ('\\x66', " + settled + ", 'confirmed', 1, 4000)");
            sql.executeUpdate("update outcome_settlements set state = 'settled', batch_id = (select batch_id from"
                    + " settlement_batches where nonce = " + settled + ") where round_id = " + settled);
        }
        HistoryQueries queries = new HistoryQueries(database.dataSource());

        assertThat(queries.recentStrikes(10))
                .as("recorded once, however often written")
                .containsExactly(strike);
        assertThat(queries.unresolvedWins())
                .filteredOn(w -> List.of(struck, payable, submitted).contains(w.roundId()))
                .extracting(UnresolvedWinRow::roundId, UnresolvedWinRow::state, UnresolvedWinRow::price)
                .containsExactly(
                        Tuple.tuple(payable, "payable", Wei.of(700)), Tuple.tuple(submitted, "submitted", Wei.of(700)));
        assertThat(queries.resolvedAmong(List.of(struck, payable, submitted, settled), 3999))
                .as("settled in a block the escrow balances were not read through yet: still owed")
                .containsExactly(struck);
        assertThat(queries.resolvedAmong(List.of(struck, payable, submitted, settled), 4000))
                .containsExactlyInAnyOrder(struck, settled);
    }

    private static OutcomeRow won(long roundId, long blockNumber, Address winner) {
        return new OutcomeRow(
                roundId,
                BlockNumber.of(blockNumber),
                Hash32.of(bytes(32, 7)),
                PayloadId.of(bytes(8, 9)),
                "second-price",
                winner,
                UUID.randomUUID(),
                Wei.of(900),
                Wei.of(700),
                null,
                null,
                null,
                1,
                Hash32.of(bytes(32, (int) roundId)),
                T0);
    }

    private static List<CompletableFuture<Void>> concat(
            CompletableFuture<Void> first, List<CompletableFuture<Void>> rest) {
        List<CompletableFuture<Void>> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    @Test
    void theChainsHeadsAreKeptForAStandbyTheRecentOnesOnly() throws Exception {
        HistoryQueries queries = new HistoryQueries(database.dataSource());
        for (long number = 1; number <= 1_100; number++) {
            writer.tryWrite(head(number));
        }
        writer.tryWrite(new ForkchoiceRow(head(1_100).blockHash(), head(1_090).blockHash()));
        writer.write(round(nextRoundId++, 105)).get(10, TimeUnit.SECONDS); // queued last: committed after the rest

        List<HeadRow> recent = queries.recentHeads(3);
        assertThat(recent).containsExactly(head(1_100), head(1_099), head(1_098));
        assertThat(scalar("select min(block_number) from chain_heads")).isEqualTo("76");
        assertThat(queries.forkchoice())
                .hasValue(new ForkchoiceRow(head(1_100).blockHash(), head(1_090).blockHash()));
    }

    @Test
    void aWriterWhoseFenceRefusesItWritesNothing() throws Exception {
        long roundId = nextRoundId++;
        try (HistoryWriter fenced = new HistoryWriter(
                database.dataSource(),
                connection -> {
                    throw new FencedException("deposed");
                },
                100,
                16)) {
            CompletableFuture<Void> refused = fenced.write(round(roundId, 107));

            assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(HistoryUnavailableException.class)
                    .hasMessageContaining("deposed");
        }
        assertThat(scalar("select count(*) from rounds where round_id = " + roundId))
                .isEqualTo("0");
    }

    private static HeadRow head(long number) {
        return new HeadRow(
                blockHash(number),
                BlockNumber.of(number),
                blockHash(number - 1),
                T0.getEpochSecond() + number,
                Quantity.of(30_000_000),
                Quantity.of(number * 1_000),
                Wei.of(1_000 + number),
                Bytes.of(new byte[] {0, 0, 0, 0, 8, 0, 0, 0, 2}));
    }

    private static Hash32 blockHash(long number) {
        return Hash32.of(ByteBuffer.allocate(32).putLong(24, number).array());
    }

    private static String scalar(String query) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement();
                ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }

    private static RoundRow round(long roundId, long blockNumber) {
        return round(roundId, blockNumber, PayloadId.of(bytes(8, 9)));
    }

    private static RoundRow round(long roundId, long blockNumber, PayloadId payloadId) {
        return new RoundRow(
                roundId,
                payloadId,
                BlockNumber.of(blockNumber),
                Hash32.of(bytes(32, 7)),
                Quantity.of(T0.getEpochSecond() + 2),
                "{\"timestamp\":\"0x1\"}",
                1,
                "second-price",
                Wei.of(10),
                100,
                4,
                Wei.ZERO,
                Address.of(bytes(20, 0xbe)),
                T0.plusMillis(1900),
                T0);
    }

    private static BidRow acceptedBid(UUID bidId, long roundId, byte builder) {
        return new BidRow(
                bidId,
                roundId,
                null,
                null,
                ARRIVAL,
                2048,
                BlockNumber.of(100),
                Hash32.of(bytes(32, 7)),
                Address.of(bytes(20, builder)),
                1,
                Bytes.of(bytes(32, 3)),
                Bytes.of(bytes(100, 4)),
                new BidRow.StageMicros(10, 2, 150, 340, 5));
    }

    private static BidRow rejectedBid(long roundId, byte builder) {
        return new BidRow(
                UUID.randomUUID(),
                roundId,
                "LATE_BID",
                "after the deadline",
                T0.plusMillis(1950),
                2048,
                BlockNumber.of(100),
                Hash32.of(bytes(32, 7)),
                Address.of(bytes(20, builder)),
                1,
                null,
                null,
                new BidRow.StageMicros(10, 2, 0, 0, 0));
    }

    private static BidReveal reveal(UUID bidId, long value) {
        return new BidReveal(
                bidId,
                ARRIVAL,
                Hash32.of(bytes(32, (int) value)),
                Hash32.of(bytes(32, 5)),
                Wei.of(value),
                Bytes.of(bytes(65, 1)),
                value * 10,
                (int) value / 100);
    }

    private static byte[] bytes(int length, int fill) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }
}
