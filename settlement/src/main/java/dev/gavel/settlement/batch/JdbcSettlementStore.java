package dev.gavel.settlement.batch;

import dev.gavel.db.settlement.Backlog;
import dev.gavel.db.settlement.BatchAttempt;
import dev.gavel.db.settlement.BatchReceipt;
import dev.gavel.db.settlement.InFlightBatch;
import dev.gavel.db.settlement.ItemResult;
import dev.gavel.db.settlement.PayableOutcome;
import dev.gavel.db.settlement.SettlementRepository;
import dev.gavel.primitives.Address;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The settler's store in PostgreSQL, over db's {@link SettlementRepository}: a failed statement becomes a
 * {@link SettlementStoreException}, and the single-settler lock is a session advisory lock keyed by the
 * settler's address.
 */
public final class JdbcSettlementStore implements SettlementStore {
    private final SettlementRepository repository;

    public JdbcSettlementStore(SettlementRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<PayableOutcome> payable(int limit) {
        return call("read the payable outcomes", () -> repository.payable(limit));
    }

    @Override
    public OptionalLong open(Address settler, long nonce, List<Long> roundIds, BatchAttempt first) {
        return call("open a batch", () -> repository.open(settler, nonce, roundIds, first));
    }

    @Override
    public void addAttempt(long batchId, BatchAttempt attempt) {
        run("record a replacement of batch " + batchId, () -> repository.addAttempt(batchId, attempt));
    }

    @Override
    public Optional<InFlightBatch> inFlight(Address settler) {
        return call("read the batch in flight", () -> repository.inFlight(settler));
    }

    @Override
    public void confirm(long batchId, BatchReceipt receipt, List<ItemResult> results) {
        run("confirm batch " + batchId, () -> repository.confirm(batchId, receipt, results));
    }

    @Override
    public void release(long batchId, Release reason, BatchReceipt receipt) {
        run(
                "release batch " + batchId,
                () -> repository.release(batchId, reason.name().toLowerCase(Locale.ROOT), receipt));
    }

    @Override
    public void quarantine(long roundId, String reason) {
        run("quarantine round " + roundId, () -> repository.quarantine(roundId, reason));
    }

    @Override
    public OptionalLong highestNonce(Address settler) {
        return call("read the highest nonce", () -> repository.highestNonce(settler));
    }

    @Override
    public Backlog backlog() {
        return call("read the backlog", repository::backlog);
    }

    @Override
    public Optional<Lock> tryLock(Address settler) {
        long key = new BigInteger(1, settler.toArray()).longValue();
        return call("take the settler's lock", () -> repository.tryLock(key))
                .map(held -> () -> run("release the settler's lock", held::close));
    }

    private static <T> T call(String what, SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new SettlementStoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private static void run(String what, SqlRun run) {
        call(what, () -> {
            run.run();
            return null;
        });
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    @FunctionalInterface
    private interface SqlRun {
        void run() throws SQLException;
    }
}
