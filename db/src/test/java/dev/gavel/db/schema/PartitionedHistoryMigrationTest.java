package dev.gavel.db.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.testing.Sql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V40 on a database that already holds bids: every row moves, and the history takes new bids at once. */
class PartitionedHistoryMigrationTest {
    @TempDir
    Path dataDirectory;

    @Test
    void existingBidsMoveIntoThePartitionedTablesWithTheirCiphertextApart() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory.resolve("pg"))) {
            Flyway.configure()
                    .dataSource(database.dataSource())
                    .locations("classpath:db/migration")
                    .target("4")
                    .load()
                    .migrate();
            try (Connection connection = database.dataSource().getConnection();
                    Statement sql = connection.createStatement()) {
                sql.execute("""
                        insert into rounds (round_id, payload_id, block_number, parent_hash, block_timestamp, attributes,
                            policy_version, format, reserve_price, bid_cutoff_ms, max_bids_per_builder, min_builder_balance,
                            beneficiary, bid_deadline, opened_at, status, closed_at)
                        values (1, '\\x01', 10, '\\x02', 0, '{}', 1, 'first-price', 0, 100, 4, 0, '\\x03',
                                now() - interval '40 days', now() - interval '40 days', 'closed', now() - interval '40 days'),
                               (2, '\\x01', 11, '\\x02', 0, '{}', 1, 'first-price', 0, 100, 4, 0, '\\x03',
                                now(), now(), 'open', null)""");
                sql.execute("""
                        insert into bids (bid_id, round_id, status, received_at, body_bytes, builder, ciphertext,
                            decode_us, route_us, open_us, verify_us, check_us, value, bid_digest)
                        values (gen_random_uuid(), 1, 'accepted', now() - interval '40 days', 100, '\\xaa', '\\x0102', 1, 1, 1, 1, 1, 7, '\\xd1'),
                               (gen_random_uuid(), 1, 'accepted', now() - interval '39 days', 100, '\\xbb', '\\x0304', 1, 1, 1, 1, 1, 5, '\\xd2'),
                               (gen_random_uuid(), 2, 'accepted', now(), 100, '\\xaa', '\\x0506', 1, 1, 1, 1, 1, null, null)""");
                sql.execute("""
                        insert into bids (bid_id, round_id, status, rejection_code, received_at, body_bytes, builder,
                            decode_us, route_us, open_us, verify_us, check_us)
                        values (gen_random_uuid(), 1, 'rejected', 'LATE_BID', now() - interval '40 days', 100, '\\xaa', 1, 1, 1, 1, 1)""");
            }

            HistorySchema.migrate(database.dataSource());

            assertThat(Sql.scalar(database.dataSource(), "select count(*) from bids"))
                    .isEqualTo("4");
            assertThat(Sql.scalar(
                            database.dataSource(),
                            "select string_agg(encode(ciphertext, 'hex'), ',' order by ciphertext)"
                                    + " from bid_ciphertexts"))
                    .isEqualTo("0102,0304,0506");
            assertThat(Sql.scalar(database.dataSource(), "select count(*) from bids_before"))
                    .isEqualTo("3");
            assertThat(Sql.scalar(database.dataSource(), "select count(*) from bid_ciphertexts_before"))
                    .isEqualTo("2");
            assertThat(Sql.scalar(database.dataSource(), "select sum(bids_submitted) from builder_daily_stats"))
                    .as("the bid of the round still open is not counted")
                    .isEqualTo("3");
            assertThat(Sql.scalar(
                            database.dataSource(), "select count(*) from bid_history where builder_bytes = '\\xaa'"))
                    .isEqualTo("3");
            try (Connection connection = database.dataSource().getConnection();
                    Statement sql = connection.createStatement()) {
                sql.execute("""
                        insert into bids (bid_id, round_id, status, received_at, body_bytes, decode_us, route_us, open_us,
                            verify_us, check_us)
                        values (gen_random_uuid(), 2, 'accepted', now(), 100, 1, 1, 1, 1, 1)""");
            }
            assertThat(Sql.scalar(database.dataSource(), "select count(*) from bids where round_id = 2"))
                    .isEqualTo("2");
        }
    }
}
