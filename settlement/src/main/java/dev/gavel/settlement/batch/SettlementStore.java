package dev.gavel.settlement.batch;

import dev.gavel.db.settlement.Backlog;
import dev.gavel.db.settlement.BatchAttempt;
import dev.gavel.db.settlement.BatchReceipt;
import dev.gavel.db.settlement.InFlightBatch;
import dev.gavel.db.settlement.ItemResult;
import dev.gavel.db.settlement.PayableOutcome;
import dev.gavel.primitives.Address;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the settler keeps, the port it owns: which outcomes are payable, its batches (one nonce each) with every
 * transaction signed for them, and what the contract did with each outcome. Opening a batch claims its outcomes
 * atomically: all of them were payable and the nonce was free, or nothing is written, so two settlers sharing
 * a store never put one outcome in two batches. Every method throws {@link SettlementStoreException} when the
 * store cannot be reached. {@code JdbcSettlementStore} keeps it in PostgreSQL.
 */
public interface SettlementStore {
    /** Payable outcomes with a revealed winning bid, lowest block first (then round), at most {@code limit}. */
    List<PayableOutcome> payable(int limit);

    /**
     * Records a batch of {@code roundIds} for the settler's {@code nonce} with its first signed transaction,
     * claiming the outcomes; empty (and nothing written) when one of them is no longer payable or the nonce is
     * taken.
     */
    OptionalLong open(Address settler, long nonce, List<Long> roundIds, BatchAttempt first);

    /** Records a replacement transaction for the batch's nonce, before it is broadcast. */
    void addAttempt(long batchId, BatchAttempt attempt);

    /** The settler's oldest batch still in flight, with its attempts (oldest first) and outcomes. */
    Optional<InFlightBatch> inFlight(Address settler);

    /** Ends a batch whose transaction is mined and confirmed, with the contract's verdict on each outcome. */
    void confirm(long batchId, BatchReceipt receipt, List<ItemResult> results);

    /**
     * Ends a batch that charged nothing (its transaction reverted, with its receipt; or its nonce went to another
     * transaction, without one) and makes its outcomes payable again; the contract's once-per-block bitmap makes
     * a later retry safe.
     */
    void release(long batchId, Release reason, BatchReceipt receipt);

    /**
     * Sets a payable outcome aside, with the reason its settle call fails: it is no longer payable (an operator
     * may make it payable again); nothing happens when it is not payable.
     */
    void quarantine(long roundId, String reason);

    /** The highest nonce of any batch the settler ever opened, ended or not. */
    OptionalLong highestNonce(Address settler);

    /** Outcomes owed: payable, and in a batch in flight. */
    Backlog backlog();

    /** The settler's lock, held until closed, so that one replica settles at a time; empty when another holds it. */
    Optional<Lock> tryLock(Address settler);

    /** Why a batch ended without charging. */
    enum Release {
        /** Its transaction was mined and reverted. */
        REVERTED,
        /** Its nonce was taken by a transaction Gavel did not sign. */
        DROPPED
    }

    /** A held lock; closing releases it. */
    @FunctionalInterface
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }
}
