package dev.gavel.db.history;

import dev.gavel.db.lease.Fence;
import dev.gavel.db.lease.FencedException;
import dev.gavel.db.sql.DatabaseFaults;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the history: a single thread that drains a bounded queue and commits what it finds
 * in one transaction (group commit), then completes each write's future. Callers never block: a full
 * queue fails the write at once.
 *
 * <p>Faults end in an answer, never in a wait. A batch that fails on its rows is retried write by write, so
 * one bad row cannot sink the others. A batch that fails because the database is unavailable (a timeout, a
 * lost connection) fails its bids at once, so their builders hear it and retry, and keeps the other writes
 * (rounds, closures, inclusion changes) for the next batch, in order. An error the writer cannot outlive (a
 * {@link VirtualMachineError}, a {@link LinkageError}) stops it: every waiting and later write fails at once and
 * {@link #failure()} says why (the service's health turns DOWN). Any other exception or error fails its batch
 * as a bad row does. Each batch passes its {@link Fence} first: a writer that no longer holds the auctioneer's
 * lease writes nothing, and its writes fail at once.
 */
public final class HistoryWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);
    private static final long IDLE_POLL_MILLIS = 100;
    private static final long RETRY_PAUSE_MILLIS = 250;

    private final DataSource dataSource;
    private final Fence fence;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    /** Writes kept after the database was unavailable, committed first in the next batch. Writer thread only. */
    private final List<Pending> kept = new ArrayList<>();

    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong committedBatches = new AtomicLong();
    private final AtomicLong unavailableBatches = new AtomicLong();
    private volatile boolean running = true;
    private volatile Throwable failure;

    /** A writer alone on its database, unfenced. */
    public HistoryWriter(DataSource dataSource, int queueCapacity, int maxBatch) {
        this(dataSource, Fence.NONE, queueCapacity, maxBatch);
    }

    public HistoryWriter(DataSource dataSource, Fence fence, int queueCapacity, int maxBatch) {
        this.dataSource = dataSource;
        this.fence = fence;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = Thread.ofPlatform().name("gavel-history-writer").daemon().start(this::run);
    }

    /** Queues a write that must not be lost; the future completes once it is committed, or fails. */
    public CompletableFuture<Void> write(HistoryWrite write) {
        Pending pending = new Pending(write, new CompletableFuture<>());
        if (failure != null || !running) {
            pending.fail(stopped());
        } else if (!queue.offer(pending)) {
            pending.fail(
                    new HistoryUnavailableException("history queue is full (" + queue.size() + " writes waiting)"));
        } else if (failure != null) {
            failQueued(); // the writer stopped while this was queued: nobody else will answer it
        }
        return pending.done();
    }

    /** Queues a write that may be dropped under overload (rejected bids); false when dropped. */
    public boolean tryWrite(HistoryWrite write) {
        boolean queued = running && failure == null && queue.offer(new Pending(write, null));
        if (!queued) {
            dropped.incrementAndGet();
        }
        return queued;
    }

    public int queued() {
        return queue.size();
    }

    public long dropped() {
        return dropped.get();
    }

    public long committedBatches() {
        return committedBatches.get();
    }

    /** Batches that failed because the database was unavailable (their bids were refused, the rest kept). */
    public long unavailableBatches() {
        return unavailableBatches.get();
    }

    /** Why the writer stopped taking writes, when an error stopped it; empty while it works (or was closed). */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        try {
            while (running || !queue.isEmpty() || !kept.isEmpty()) {
                Pending first =
                        queue.poll(kept.isEmpty() ? IDLE_POLL_MILLIS : RETRY_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
                batch.addAll(kept);
                kept.clear();
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                }
                if (!batch.isEmpty()) {
                    commit(batch);
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(batch, new HistoryUnavailableException("history writer was interrupted"));
        } catch (Throwable e) { // an error it cannot outlive (or a bug): nothing may wait for a writer that is gone
            log.error("the history writer stopped; every write fails until the service restarts", e);
            stop(batch, e);
        }
    }

    /** Commits {@code batch}, or sorts out what failed: see the class comment. */
    private void commit(List<Pending> batch) {
        try {
            execute(batch.stream().map(Pending::write).toList());
            committedBatches.incrementAndGet();
            batch.forEach(Pending::succeed);
        } catch (FencedException e) {
            log.warn("{} history write(s) refused: {}", batch.size(), e.getMessage());
            HistoryUnavailableException refused = new HistoryUnavailableException(e.getMessage(), e);
            batch.forEach(pending -> pending.fail(refused));
        } catch (SQLException | RuntimeException | Error e) {
            if (fatal(e)) {
                throw (Error) e;
            }
            if (DatabaseFaults.unavailable(e)) {
                keepForLater(batch, e);
            } else if (batch.size() == 1) {
                log.error(
                        "history write failed: {}",
                        batch.get(0).write().getClass().getSimpleName(),
                        e);
                batch.get(0).fail(new HistoryUnavailableException("history write failed: " + e.getMessage(), e));
            } else {
                log.warn("history batch of {} failed ({}); retrying one by one", batch.size(), e.getMessage());
                for (Pending pending : batch) {
                    commit(new ArrayList<>(List.of(pending)));
                }
            }
        }
    }

    /**
     * An error the writer cannot outlive: the JVM is failing (out of memory, stack overflow) or the code is not
     * what was built. Any other error is the batch's own, as a driver's assertion on a connection that died under
     * it is (PgJDBC's BatchResultHandler throws one).
     */
    private static boolean fatal(Throwable failure) {
        return failure instanceof VirtualMachineError || failure instanceof LinkageError;
    }

    /**
     * The database did not answer in time or is gone: bids are refused now (a builder can retry, an answer after
     * the round has closed is worth nothing), rejected bids are dropped, the rest waits for the next batch.
     */
    private void keepForLater(List<Pending> batch, Throwable cause) {
        unavailableBatches.incrementAndGet();
        HistoryUnavailableException unavailable =
                new HistoryUnavailableException("the history database is unavailable: " + cause.getMessage(), cause);
        int refused = 0;
        int keeping = kept.size();
        for (Pending pending : batch) {
            if (pending.write() instanceof BidRow || !running) {
                if (pending.done() == null) {
                    dropped.incrementAndGet();
                } else {
                    refused++;
                }
                pending.fail(unavailable);
            } else {
                kept.add(pending);
            }
        }
        log.warn(
                "history database unavailable ({}): {} bid(s) refused, {} write(s) kept for the next batch",
                cause.getMessage(),
                refused,
                kept.size() - keeping);
    }

    private void execute(List<HistoryWrite> writes) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                fence.check(connection);
                HistoryStatements.execute(connection, writes);
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            }
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException lost) {
            cause.addSuppressed(lost); // a lost connection cannot roll back; its transaction dies with it
        }
    }

    /** Stops taking writes and fails every one still waiting: in hand, kept, queued. */
    private void stop(List<Pending> inHand, Throwable cause) {
        failure = cause;
        running = false;
        HistoryUnavailableException stopped = stopped();
        inHand.forEach(pending -> pending.fail(stopped));
        kept.forEach(pending -> pending.fail(stopped));
        kept.clear();
        failQueued();
    }

    private void failQueued() {
        HistoryUnavailableException stopped = stopped();
        for (Pending pending = queue.poll(); pending != null; pending = queue.poll()) {
            pending.fail(stopped);
        }
    }

    private HistoryUnavailableException stopped() {
        Throwable cause = failure;
        return cause == null
                ? new HistoryUnavailableException("history writer is stopped")
                : new HistoryUnavailableException("history writer stopped after " + cause, cause);
    }

    /** Stops taking writes, commits what is queued, then ends the writer thread. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(HistoryWrite write, CompletableFuture<Void> done) {
        void succeed() {
            if (done != null) {
                done.complete(null);
            }
        }

        void fail(HistoryUnavailableException cause) {
            if (done != null) {
                done.completeExceptionally(cause);
            }
        }
    }
}
