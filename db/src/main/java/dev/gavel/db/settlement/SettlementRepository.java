package dev.gavel.db.settlement;

import dev.gavel.db.lease.Fence;
import dev.gavel.db.sql.Jdbc;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The settler's records: which outcomes are payable, the batches and their signed transactions, and what the
 * contract did with each outcome. Claiming outcomes for a batch only moves rows still payable, in the same
 * transaction that records the batch, so two settlers sharing a database never put one outcome in two batches.
 * Every write passes its {@link Fence} first: a settler whose instance no longer holds the auctioneer's lease
 * can neither claim outcomes nor take a nonce.
 */
public final class SettlementRepository {
    private static final String PAYABLE = """
            select s.round_id, s.block_number, s.updated_at as payable_since, o.format, o.closed_at,
                   w.block_number as w_block, w.parent_hash as w_parent, w.block_hash as w_hash, w.value as w_value,
                   w.builder as w_builder, w.signature as w_signature,
                   r.block_number as r_block, r.parent_hash as r_parent, r.block_hash as r_hash, r.value as r_value,
                   r.builder as r_builder, r.signature as r_signature
            from outcome_settlements s
            join outcomes o on o.round_id = s.round_id
            join bids w on w.bid_id = o.winning_bid_id
            left join bids r on r.bid_id = o.runner_up_bid_id
            where s.state = 'payable' and w.signature is not null
            order by s.block_number, s.round_id
            limit ?""";
    private static final String INSERT_BATCH = """
            insert into settlement_batches (settler, nonce, items) values (?, ?, ?) returning batch_id""";
    private static final String INSERT_ATTEMPT = """
            insert into settlement_attempts (tx_hash, batch_id, max_fee_per_gas, max_priority_fee_per_gas, gas_limit, raw_transaction, signed_at)
            values (?, ?, ?, ?, ?, ?, ?)""";
    private static final String CLAIM = """
            update outcome_settlements set state = 'submitted', batch_id = ?, updated_at = now()
            where round_id = any (?) and state = 'payable'""";
    private static final String IN_FLIGHT = """
            select batch_id, nonce from settlement_batches where settler = ? and state = 'submitted' order by nonce limit 1""";
    private static final String ATTEMPTS = """
            select * from settlement_attempts where batch_id = ? order by signed_at, tx_hash""";
    private static final String ITEMS = """
            select s.round_id, s.block_number, o.closed_at from outcome_settlements s join outcomes o on o.round_id = s.round_id
            where s.batch_id = ? and s.state = 'submitted' order by s.block_number""";
    private static final String END_BATCH = """
            update settlement_batches set state = ?, tx_hash = ?, mined_block = ?, gas_used = ?, fee_paid = ?, ended_at = now()
            where batch_id = ? and state = 'submitted'""";
    private static final String ITEM_RESULT = """
            update outcome_settlements set state = ?, skip_reason = ?, price = ?, charged = ?, ended_at = now(), updated_at = now()
            where round_id = ? and batch_id = ? and state = 'submitted'""";
    private static final String RELEASE_ITEMS = """
            update outcome_settlements set state = 'payable', batch_id = null, updated_at = now()
            where batch_id = ? and state = 'submitted'""";
    private static final String QUARANTINE = """
            update outcome_settlements set state = 'quarantined', skip_reason = ?, updated_at = now()
            where round_id = ? and state = 'payable'""";
    private static final String HIGHEST_NONCE = """
            select max(nonce) from settlement_batches where settler = ?""";
    private static final String BACKLOG = """
            select count(*) filter (where s.state = 'payable'), count(*) filter (where s.state = 'submitted'),
                   min(s.block_number) as oldest_block, min(o.closed_at) as oldest_close
            from outcome_settlements s join outcomes o on o.round_id = s.round_id
            where s.state in ('payable', 'submitted')""";

    private final DataSource dataSource;
    private final Fence fence;

    /** The records of a settler alone on its database, unfenced. */
    public SettlementRepository(DataSource dataSource) {
        this(dataSource, Fence.NONE);
    }

    public SettlementRepository(DataSource dataSource, Fence fence) {
        this.dataSource = dataSource;
        this.fence = fence;
    }

    /** Payable outcomes, lowest block first, at most {@code limit}. */
    public List<PayableOutcome> payable(int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(PAYABLE)) {
            select.setInt(1, limit);
            List<PayableOutcome> outcomes = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    outcomes.add(new PayableOutcome(
                            rows.getLong("round_id"),
                            Jdbc.getBlock(rows, "block_number"),
                            rows.getString("format"),
                            bid(rows, "w_"),
                            rows.getBytes("r_signature") == null ? null : bid(rows, "r_"),
                            Jdbc.getInstant(rows, "closed_at"),
                            Jdbc.getInstant(rows, "payable_since")));
                }
            }
            return outcomes;
        }
    }

    /**
     * Records a batch of {@code roundIds} for {@code nonce} with its first signed transaction, claiming the
     * outcomes; empty (and nothing written) when one of them is no longer payable or the nonce is taken.
     */
    public OptionalLong open(Address settler, long nonce, List<Long> roundIds, BatchAttempt first) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                fence.check(connection);
                long batchId = insertBatch(connection, settler, nonce, roundIds.size());
                insertAttempt(connection, batchId, first);
                int claimed;
                try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                    claim.setLong(1, batchId);
                    Array ids = connection.createArrayOf("bigint", roundIds.toArray());
                    claim.setArray(2, ids);
                    claimed = claim.executeUpdate();
                }
                if (claimed != roundIds.size()) {
                    connection.rollback();
                    return OptionalLong.empty();
                }
                connection.commit();
                return OptionalLong.of(batchId);
            } catch (SQLException e) {
                connection.rollback();
                if ("23505".equals(e.getSQLState())) {
                    return OptionalLong.empty();
                }
                throw e;
            }
        }
    }

    /** Records a replacement transaction for the batch's nonce, before it is broadcast. */
    public void addAttempt(long batchId, BatchAttempt attempt) throws SQLException {
        inTransaction(connection -> insertAttempt(connection, batchId, attempt));
    }

    /** The settler's oldest batch still in flight, with its attempts and outcomes. */
    public Optional<InFlightBatch> inFlight(Address settler) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(IN_FLIGHT)) {
            Jdbc.setBytes(select, 1, settler);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long batchId = row.getLong("batch_id");
                return Optional.of(new InFlightBatch(
                        batchId, row.getLong("nonce"), attempts(connection, batchId), items(connection, batchId)));
            }
        }
    }

    /** Ends a batch whose transaction is mined and confirmed, with the contract's verdict on each outcome. */
    public void confirm(long batchId, BatchReceipt receipt, List<ItemResult> results) throws SQLException {
        inTransaction(connection -> {
            endBatch(connection, batchId, "confirmed", receipt);
            try (PreparedStatement update = connection.prepareStatement(ITEM_RESULT)) {
                for (ItemResult result : results) {
                    update.setString(1, result.settled() ? "settled" : "skipped");
                    update.setString(2, result.skipReason());
                    Jdbc.setWei(update, 3, result.price());
                    Jdbc.setWei(update, 4, result.charged());
                    update.setLong(5, result.roundId());
                    update.setLong(6, batchId);
                    update.addBatch();
                }
                update.executeBatch();
            }
        });
    }

    /**
     * Ends a batch that charged nothing (its transaction reverted, or its nonce went to another transaction) and
     * makes its outcomes payable again; the contract's once-per-block bitmap makes a later retry safe.
     */
    public void release(long batchId, String state, BatchReceipt receipt) throws SQLException {
        inTransaction(connection -> {
            endBatch(connection, batchId, state, receipt);
            try (PreparedStatement update = connection.prepareStatement(RELEASE_ITEMS)) {
                update.setLong(1, batchId);
                update.executeUpdate();
            }
        });
    }

    /** Sets a payable outcome aside with the reason its settle call fails; nothing happens when it is not payable. */
    public void quarantine(long roundId, String reason) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(QUARANTINE)) {
            update.setString(1, reason);
            update.setLong(2, roundId);
            update.executeUpdate();
        }
    }

    public OptionalLong highestNonce(Address settler) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(HIGHEST_NONCE)) {
            Jdbc.setBytes(select, 1, settler);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                long nonce = row.getLong(1);
                return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(nonce);
            }
        }
    }

    public Backlog backlog() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(BACKLOG);
                ResultSet row = select.executeQuery()) {
            row.next();
            return new Backlog(
                    row.getInt(1),
                    row.getInt(2),
                    Optional.ofNullable(Jdbc.getBlock(row, "oldest_block")),
                    Optional.ofNullable(Jdbc.getInstant(row, "oldest_close")));
        }
    }

    /**
     * A session lock named by {@code key}, held until closed, so one replica settles at a time; empty when
     * another holds it.
     */
    public Optional<HeldLock> tryLock(long key) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                if (row.getBoolean(1)) {
                    return Optional.of(() -> unlock(connection, key));
                }
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    private static void unlock(Connection connection, long key) throws SQLException {
        try (connection;
                PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            unlock.execute();
        }
    }

    private static StoredBid bid(ResultSet rows, String prefix) throws SQLException {
        return new StoredBid(
                Jdbc.getBlock(rows, prefix + "block"),
                Jdbc.getBytes(rows, prefix + "parent", Hash32::of),
                Jdbc.getBytes(rows, prefix + "hash", Hash32::of),
                Jdbc.getWei(rows, prefix + "value"),
                Jdbc.getBytes(rows, prefix + "builder", Address::of),
                Jdbc.getBytes(rows, prefix + "signature", Bytes::of));
    }

    private static long insertBatch(Connection connection, Address settler, long nonce, int items) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_BATCH)) {
            Jdbc.setBytes(insert, 1, settler);
            insert.setLong(2, nonce);
            insert.setInt(3, items);
            try (ResultSet key = insert.executeQuery()) {
                key.next();
                return key.getLong(1);
            }
        }
    }

    private static void insertAttempt(Connection connection, long batchId, BatchAttempt attempt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ATTEMPT)) {
            Jdbc.setBytes(insert, 1, attempt.txHash());
            insert.setLong(2, batchId);
            Jdbc.setWei(insert, 3, attempt.maxFeePerGas());
            Jdbc.setWei(insert, 4, attempt.maxPriorityFeePerGas());
            insert.setLong(5, attempt.gasLimit());
            Jdbc.setBytes(insert, 6, attempt.rawTransaction());
            Jdbc.setInstant(insert, 7, attempt.signedAt());
            insert.executeUpdate();
        }
    }

    private static List<BatchAttempt> attempts(Connection connection, long batchId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ATTEMPTS)) {
            select.setLong(1, batchId);
            List<BatchAttempt> attempts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    attempts.add(new BatchAttempt(
                            Jdbc.getBytes(rows, "tx_hash", Hash32::of),
                            Jdbc.getWei(rows, "max_fee_per_gas"),
                            Jdbc.getWei(rows, "max_priority_fee_per_gas"),
                            rows.getLong("gas_limit"),
                            Jdbc.getBytes(rows, "raw_transaction", Bytes::of),
                            Jdbc.getInstant(rows, "signed_at")));
                }
            }
            return attempts;
        }
    }

    private static List<InFlightBatch.Item> items(Connection connection, long batchId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ITEMS)) {
            select.setLong(1, batchId);
            List<InFlightBatch.Item> items = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    items.add(new InFlightBatch.Item(
                            rows.getLong("round_id"),
                            Jdbc.getBlock(rows, "block_number"),
                            Jdbc.getInstant(rows, "closed_at")));
                }
            }
            return items;
        }
    }

    private static void endBatch(Connection connection, long batchId, String state, BatchReceipt receipt)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(END_BATCH)) {
            update.setString(1, state);
            Jdbc.setBytes(update, 2, receipt == null ? null : receipt.txHash());
            Jdbc.setBlock(update, 3, receipt == null ? null : receipt.minedBlock());
            Jdbc.setLong(update, 4, receipt == null ? null : receipt.gasUsed());
            Jdbc.setWei(update, 5, receipt == null ? null : receipt.feePaid());
            update.setLong(6, batchId);
            if (update.executeUpdate() != 1) {
                throw new SQLException("settlement batch " + batchId + " is not in flight");
            }
        }
    }

    private void inTransaction(SqlWork work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                fence.check(connection);
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** A lock held until closed. */
    @FunctionalInterface
    public interface HeldLock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection connection) throws SQLException;
    }
}
