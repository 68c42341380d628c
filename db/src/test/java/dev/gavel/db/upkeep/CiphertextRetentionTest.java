package dev.gavel.db.upkeep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.history.BidReveal;
import dev.gavel.db.history.BidRow;
import dev.gavel.db.history.HistoryWriter;
import dev.gavel.db.history.OutcomeRow;
import dev.gavel.db.history.RoundClosure;
import dev.gavel.db.history.RoundRow;
import dev.gavel.db.schema.HistorySchema;
import dev.gavel.db.testing.Sql;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage test of docs/analytics.md: four hours of sealed bids (256 KB each) written through the history
 * writer; after the retention window only the hours whose rounds are all closed and settled lose their
 * ciphertext, the database's size on disk drops by about what they held, and their revealed bids remain.
 */
class CiphertextRetentionTest {
    private static final Instant HOUR_0 = Instant.parse("2026-01-10T00:00:00Z");
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final int BIDS_PER_ROUND = 16;
    private static final int CIPHERTEXT_BYTES = 256 * 1024;

    @TempDir
    static Path dataDirectory;

    private static EmbeddedDatabase database;
    private static HistoryWriter writer;

    @BeforeAll
    static void start() throws SQLException {
        database = EmbeddedDatabase.start(dataDirectory.resolve("pg"));
        HistorySchema.migrate(database.dataSource());
        new HistoryPartitions(database.dataSource()).ensure(HOUR_0, HOUR_0.plus(Duration.ofHours(4)));
        writer = new HistoryWriter(database.dataSource(), 10_000, 64);
    }

    @AfterAll
    static void stop() {
        writer.close();
        database.close();
    }

    @Test
    void closedAndSettledHoursLoseTheirCiphertextAndGiveTheDiskBackWhileTheirRevealedBidsRemain() throws Exception {
        DataSource data = database.dataSource();
        List<UUID> settledBids = round(1, 0, true); // won, settled below
        List<UUID> payableBids = round(2, 1, true); // won, still payable
        round(3, 2, false); // still open
        List<UUID> expiredBids = round(4, 3, true); // closed without outcome: expired
        settle(1, "settled");
        settle(2, "payable");
        long perPartition = partitionBytes("bid_ciphertexts_2026011000");
        assertThat(perPartition).isGreaterThan((long) BIDS_PER_ROUND * CIPHERTEXT_BYTES);
        report(data);

        CiphertextRetention retention = new CiphertextRetention(data, RETENTION);
        Instant end = HOUR_0.plus(Duration.ofHours(4));
        assertThat(retention.dropExpired(
                        HOUR_0.plus(Duration.ofHours(1)).plus(RETENTION).minusSeconds(1)))
                .as("nothing is older than the retention yet")
                .isEmpty();
        long before = databaseBytes();

        List<String> dropped = retention.dropExpired(end.plus(RETENTION));

        assertThat(dropped).containsExactly("bid_ciphertexts_2026011000", "bid_ciphertexts_2026011003");
        assertThat(Sql.scalar(
                        data,
                        "select count(*) from pg_class where relname in ('bid_ciphertexts_2026011000',"
                                + " 'bid_ciphertexts_2026011003')"))
                .isEqualTo("0");
        long after = databaseBytes();
        assertThat(before - after).as("bytes returned to the disk").isGreaterThan(perPartition * 2 * 9 / 10);
        assertThat(revealedValues(settledBids)).isEqualTo(BIDS_PER_ROUND);
        assertThat(Sql.scalar(data, "select count(*) from bid_ciphertexts where round_id in (1, 4)"))
                .isEqualTo("0");
        assertThat(Sql.scalar(data, "select count(*) from bids where round_id = 4 and status = 'accepted'"))
                .isEqualTo(String.valueOf(expiredBids.size()));
        assertThat(Sql.scalar(data, "select count(*) from bid_ciphertexts where round_id in (2, 3)"))
                .isEqualTo(String.valueOf(2 * BIDS_PER_ROUND));

        settle(2, "settled");
        close(3);
        assertThat(retention.dropExpired(end.plus(RETENTION)))
                .containsExactly("bid_ciphertexts_2026011001", "bid_ciphertexts_2026011002");
        assertThat(Sql.scalar(data, "select count(*) from bid_ciphertexts")).isEqualTo("0");
        assertThat(revealedValues(payableBids)).isEqualTo(BIDS_PER_ROUND);
        assertThat(Sql.scalar(data, "select count(*) from bids")).isEqualTo(String.valueOf(4 * BIDS_PER_ROUND));
    }

    /** A round in hour {@code hour} with its sealed bids; closed with every bid revealed unless {@code close} is false. */
    private static List<UUID> round(long roundId, int hour, boolean close) throws Exception {
        Instant opened = HOUR_0.plus(Duration.ofHours(hour)).plusSeconds(60);
        boolean won = roundId != 4;
        writer.write(new RoundRow(
                roundId,
                PayloadId.of(filled(8, (int) roundId)),
                BlockNumber.of(1_000 + roundId),
                Hash32.of(filled(32, 7)),
                Quantity.of(opened.getEpochSecond() + 1),
                "{}",
                1,
                "second-price",
                Wei.of(10),
                100,
                BIDS_PER_ROUND,
                Wei.ZERO,
                Address.of(filled(20, 0xbe)),
                opened.plusMillis(900),
                opened));
        Random random = new Random(roundId);
        List<UUID> ids = new ArrayList<>();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        List<BidReveal> reveals = new ArrayList<>();
        for (int i = 0; i < BIDS_PER_ROUND; i++) {
            Instant arrival = opened.plusMillis(10 + i);
            UUID id = UUID.randomUUID();
            byte[] ciphertext = new byte[CIPHERTEXT_BYTES];
            random.nextBytes(ciphertext); // as sealed bids are: incompressible
            acks.add(writer.write(new BidRow(
                    id,
                    roundId,
                    null,
                    null,
                    arrival,
                    CIPHERTEXT_BYTES + 300,
                    BlockNumber.of(1_000 + roundId),
                    Hash32.of(filled(32, 7)),
                    Address.of(filled(20, i)),
                    1,
                    Bytes.of(filled(32, 3)),
                    Bytes.of(ciphertext),
                    new BidRow.StageMicros(10, 2, 150, 340, 5))));
            reveals.add(new BidReveal(
                    id,
                    arrival,
                    Hash32.of(filled(32, 100 + i)),
                    Hash32.of(filled(32, 200 + i)),
                    Wei.of(1_000 + i),
                    Bytes.of(filled(65, 1)),
                    30_000_000,
                    120));
            ids.add(id);
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        if (close) {
            Instant closedAt = opened.plusMillis(900);
            OutcomeRow outcome = won
                    ? new OutcomeRow(
                            roundId,
                            BlockNumber.of(1_000 + roundId),
                            Hash32.of(filled(32, 7)),
                            PayloadId.of(filled(8, (int) roundId)),
                            "second-price",
                            Address.of(filled(20, BIDS_PER_ROUND - 1)),
                            ids.getLast(),
                            Wei.of(1_000 + BIDS_PER_ROUND - 1),
                            Wei.of(1_000 + BIDS_PER_ROUND - 2),
                            Address.of(filled(20, BIDS_PER_ROUND - 2)),
                            ids.get(BIDS_PER_ROUND - 2),
                            Wei.of(1_000 + BIDS_PER_ROUND - 2),
                            BIDS_PER_ROUND,
                            Hash32.of(filled(32, 200 + BIDS_PER_ROUND - 1)),
                            closedAt)
                    : null;
            writer.write(new RoundClosure(
                            roundId,
                            won ? RoundClosure.Status.CLOSED : RoundClosure.Status.EXPIRED,
                            closedAt,
                            reveals,
                            outcome))
                    .get(30, TimeUnit.SECONDS);
        }
        return ids;
    }

    /** What the settler records: the won block's settlement state. */
    private static void settle(long roundId, String state) throws SQLException {
        execute("update outcome_settlements set state = '" + state + "' where round_id = " + roundId);
    }

    /** What a restart records for a round left open. */
    private static void close(long roundId) throws SQLException {
        execute("update rounds set status = 'aborted', closed_at = now() where round_id = " + roundId);
    }

    private static int revealedValues(List<UUID> ids) throws SQLException {
        return Integer.parseInt(Sql.scalar(
                database.dataSource(),
                "select count(*) from bid_history where value is not null and gas_used = 30000000 and bid_id in ('"
                        + String.join("','", ids.stream().map(UUID::toString).toList()) + "')"));
    }

    private static long partitionBytes(String partition) throws SQLException {
        return Long.parseLong(Sql.scalar(database.dataSource(), "select pg_total_relation_size('" + partition + "')"));
    }

    private static long databaseBytes() throws SQLException {
        return Long.parseLong(Sql.scalar(database.dataSource(), "select pg_database_size(current_database())"));
    }

    /** Bytes per bid on disk, which docs/analytics.md reports. */
    private static void report(DataSource data) throws SQLException {
        System.out.println("storage per bid: bids row and indexes "
                + Sql.scalar(data, perBid("bids") + " from bids")
                + " B, ciphertext row and TOAST "
                + Sql.scalar(data, perBid("bid_ciphertexts") + " from bid_ciphertexts")
                + " B");
    }

    private static String perBid(String table) {
        return "select (select sum(pg_total_relation_size(relid)) from pg_partition_tree('" + table + "')) / count(*)";
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static byte[] filled(int length, int fill) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }
}
