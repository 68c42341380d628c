package dev.gavel.db.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.schema.HistorySchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auctioneer's lease and its fence on a real PostgreSQL, with holders that die, freeze and wake. */
class LeaseRepositoryTest {
    private static final Duration SHORT = Duration.ofMillis(400);
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    static Path dataDirectory;

    private static EmbeddedDatabase database;
    private static LeaseRepository lease;

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.start(dataDirectory.resolve("pg"));
        HistorySchema.migrate(database.dataSource());
        lease = new LeaseRepository(database.dataSource());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void noGrantYet() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("truncate auctioneer_lease");
        }
    }

    @Test
    void oneHolderAtATimeAndEachGrantALargerToken() throws Exception {
        assertThat(lease.acquire("a", SHORT)).hasValue(1);
        assertThat(lease.acquire("b", SHORT)).as("while a's grant lives").isEmpty();

        Thread.sleep(SHORT.toMillis() + 50); // a stops renewing: dead, or frozen

        assertThat(lease.acquire("b", SHORT)).hasValue(2);
        assertThat(lease.renew("a", 1, SHORT)).as("a's grant has gone to b").isFalse();
        assertThat(lease.renew("b", 2, SHORT)).isTrue();
    }

    @Test
    void aHolderThatRenewsKeepsTheLease() throws Exception {
        lease.acquire("a", SHORT);
        for (int beat = 0; beat < 8; beat++) {
            Thread.sleep(SHORT.toMillis() / 4);
            assertThat(lease.renew("a", 1, SHORT)).isTrue();
            assertThat(lease.acquire("b", SHORT)).isEmpty();
        }
    }

    @Test
    void aReleasedGrantIsTakenAtOnce() throws Exception {
        lease.acquire("a", LONG);
        lease.release("a", 1);

        assertThat(lease.acquire("b", LONG)).hasValue(2);
        lease.release("a", 1); // a stale release changes nothing
        assertThat(lease.acquire("c", LONG)).isEmpty();
    }

    @Test
    void theFenceAdmitsOnlyTheLiveGrant() throws Exception {
        lease.acquire("a", SHORT);
        Thread.sleep(SHORT.toMillis() + 50);
        assertThat(fencedWrite(1))
                .as("expired, but nobody took over: no other writer exists")
                .isTrue();

        lease.acquire("b", SHORT);

        assertThatThrownBy(() -> fencedWrite(1))
                .isInstanceOf(FencedException.class)
                .hasMessageContaining("token 1 is stale");
        assertThat(fencedWrite(2)).isTrue();
        assertThatThrownBy(() -> fencedWriteWithout())
                .isInstanceOf(FencedException.class)
                .hasMessageContaining("does not hold the auctioneer's lease");
    }

    @Test
    void aTakeoverWaitsForTheOldGrantsWriteUnderWayAndThatWriteIsTheLastItLands() throws Exception {
        lease.acquire("a", SHORT);
        try (Connection writer = database.dataSource().getConnection()) {
            writer.setAutoCommit(false);
            LeaseRepository.fence(() -> OptionalLong.of(1)).check(writer); // a's write is under way
            assertThat(lease.renew("a", 1, SHORT))
                    .as("a renewal never waits for a write")
                    .isTrue();
            Thread.sleep(SHORT.toMillis() + 50);

            CompletableFuture<OptionalLong> takeover = CompletableFuture.supplyAsync(() -> acquire("b"));
            assertThatThrownBy(() -> takeover.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

            writer.commit(); // a's write lands, before the takeover
            assertThat(takeover.get(5, TimeUnit.SECONDS)).hasValue(2);
        }
        assertThatThrownBy(() -> fencedWrite(1)).isInstanceOf(FencedException.class);
    }

    @Test
    void aHolderFrozenInsideAWriteDelaysTheTakeoverOnlyUntilTheServerEndsItsIdleTransaction() throws Exception {
        lease.acquire("a", SHORT);
        Connection frozen = database.dataSource().getConnection();
        try (Statement setting = frozen.createStatement()) {
            setting.execute("set idle_in_transaction_session_timeout = " + SHORT.toMillis());
        }
        frozen.setAutoCommit(false);
        LeaseRepository.fence(() -> OptionalLong.of(1)).check(frozen);
        // a is stopped (SIGSTOP) here, its transaction open, holding the lease's row

        long started = System.nanoTime();
        Thread.sleep(SHORT.toMillis() + 50);
        OptionalLong granted = OptionalLong.empty();
        while (granted.isEmpty() && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5)) {
            granted = lease.acquire("b", SHORT);
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(granted).hasValue(2);
        assertThat(tookMillis).as("taken over within two grants' time").isLessThan(2 * SHORT.toMillis() + 500);
        // a wakes and tries to finish its write: its session is gone, nothing of it lands
        assertThatThrownBy(frozen::commit).isInstanceOf(SQLException.class);
        frozen.close();
    }

    private static OptionalLong acquire(String holder) {
        try {
            return lease.acquire(holder, SHORT);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean fencedWrite(long token) throws SQLException {
        return write(LeaseRepository.fence(() -> OptionalLong.of(token)));
    }

    private static boolean fencedWriteWithout() throws SQLException {
        return write(LeaseRepository.fence(OptionalLong::empty));
    }

    private static boolean write(Fence fence) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                fence.check(connection);
                connection.commit();
                return true;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
