package dev.gavel.settlement.testing;

import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.history.HistoryWriter;
import dev.gavel.db.schema.HistorySchema;
import dev.gavel.db.settlement.SettlementRepository;
import dev.gavel.db.testing.Sql;
import dev.gavel.settlement.batch.JdbcSettlementStore;
import dev.gavel.settlement.batch.SettlementStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;

/**
 * A settlement store for a test class, emptied before each test: PostgreSQL (fed through the history writer, as
 * the service feeds it) or the in-memory fake. What a test asserts of it, it reads through its {@link #ledger()}.
 */
public final class SettlementStoreFixture implements AutoCloseable {
    private final SettlementStore store;
    private final SettlementLedger ledger;
    private final Function<BidSignatures, WonBlocks> wonBlocks;
    private final Emptying emptying;
    private final Runnable closing;

    private SettlementStoreFixture(
            SettlementStore store,
            SettlementLedger ledger,
            Function<BidSignatures, WonBlocks> wonBlocks,
            Emptying emptying,
            Runnable closing) {
        this.store = store;
        this.ledger = ledger;
        this.wonBlocks = wonBlocks;
        this.emptying = emptying;
        this.closing = closing;
    }

    public static SettlementStoreFixture inMemory() {
        InMemorySettlementStore store = new InMemorySettlementStore(Clock.systemUTC());
        return new SettlementStoreFixture(
                store, store, signatures -> WonBlocks.in(store, signatures), store::clear, () -> {});
    }

    /** An embedded PostgreSQL in {@code dir}, migrated, with the history writer the service uses. */
    public static SettlementStoreFixture postgres(Path dir) {
        EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("pg"));
        HistorySchema.migrate(database.dataSource());
        HistoryWriter writer = new HistoryWriter(database.dataSource(), 1_000, 64);
        return new SettlementStoreFixture(
                new JdbcSettlementStore(new SettlementRepository(database.dataSource())),
                new JdbcSettlementLedger(database.dataSource()),
                signatures -> WonBlocks.inHistory(writer, signatures),
                () -> Sql.emptyHistory(database.dataSource()),
                () -> {
                    writer.close();
                    database.close();
                });
    }

    public SettlementStore store() {
        return store;
    }

    public SettlementLedger ledger() {
        return ledger;
    }

    /** Won blocks, their bids signed in {@code signatures}' domain, recorded where this store reads them. */
    public WonBlocks wonBlocks(BidSignatures signatures) {
        return wonBlocks.apply(signatures);
    }

    /** Starts over with nothing stored. */
    public void empty() throws Exception {
        emptying.empty();
    }

    @Override
    public void close() {
        closing.run();
    }

    @FunctionalInterface
    private interface Emptying {
        void empty() throws Exception;
    }
}
