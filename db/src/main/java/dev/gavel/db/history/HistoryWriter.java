package dev.gavel.db.history;

import dev.gavel.db.lease.Fence;
import dev.gavel.db.lease.FencedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
 * queue fails the write at once. A batch that fails is retried write by write, so one bad row cannot
 * sink the others. Each batch passes its {@link Fence} first: a writer that no longer holds the auctioneer's
 * lease writes nothing.
 */
public final class HistoryWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);

    private final DataSource dataSource;
    private final Fence fence;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong committedBatches = new AtomicLong();
    private volatile boolean running = true;

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

    /** Queues a write that must not be lost; the future completes once it is committed. */
    public CompletableFuture<Void> write(HistoryWrite write) {
        Pending pending = new Pending(write, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            pending.done()
                    .completeExceptionally(new HistoryUnavailableException(
                            running
                                    ? "history queue is full (" + queue.size() + " writes waiting)"
                                    : "history writer is stopped"));
        }
        return pending.done();
    }

    /** Queues a write that may be dropped under overload (rejected bids); false when dropped. */
    public boolean tryWrite(HistoryWrite write) {
        boolean queued = running && queue.offer(new Pending(write, null));
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

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        try {
            execute(batch.stream().map(Pending::write).toList());
            committedBatches.incrementAndGet();
            batch.forEach(Pending::succeed);
        } catch (FencedException e) {
            log.warn("{} history write(s) refused: {}", batch.size(), e.getMessage());
            batch.forEach(pending -> pending.fail(e));
        } catch (SQLException e) {
            if (batch.size() == 1) {
                log.error(
                        "history write failed: {}",
                        batch.get(0).write().getClass().getSimpleName(),
                        e);
                batch.get(0).fail(e);
                return;
            }
            log.warn("history batch of {} failed ({}); retrying one by one", batch.size(), e.getMessage());
            for (Pending pending : batch) {
                commit(new ArrayList<>(List.of(pending)));
            }
        }
    }

    private void execute(List<HistoryWrite> writes) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                fence.check(connection);
                HistoryStatements.execute(connection, writes);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
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

        void fail(Exception cause) {
            if (done != null) {
                done.completeExceptionally(
                        new HistoryUnavailableException("history write failed: " + cause.getMessage(), cause));
            }
        }
    }
}
