package dev.gavel.db.history;

import dev.gavel.db.lease.Fence;
import dev.gavel.db.sql.Jdbc;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Quantity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads of the history the service itself needs: recovery at start-up (open rounds, the last round id, unresolved
 * wins, recent strikes), wins resolved since, what an instance taking over as the auctioneer picks up (the chain
 * as the last one saw it), and replay of outcomes.
 */
public final class HistoryQueries {
    private static final String ABORT_OPEN_ROUNDS = """
            update rounds set status = 'aborted', closed_at = ? where status = 'open'""";
    private static final String HIGHEST_ROUND_ID = "select coalesce(max(round_id), 0) from rounds";
    private static final String OUTCOMES_FROM = """
            select * from outcomes where block_number >= ? and round_id > ? order by round_id limit ?""";

    private static final String RECENT_HEADS = """
            select * from chain_heads order by block_number desc limit ?""";
    private static final String FORKCHOICE = """
            select head_hash, safe_hash from chain_forkchoice""";
    private static final String UNRESOLVED_WINS = """
            select o.round_id, o.block_number, o.block_hash, o.winner, o.price, s.state
            from outcomes o join outcome_settlements s on s.round_id = o.round_id
            where o.winner is not null and s.state in ('pending', 'payable', 'submitted', 'quarantined')
            order by o.round_id""";
    private static final String RECENT_STRIKES = """
            select * from strikes
            where block_number > (select coalesce(max(block_number), 0) from strikes) - ?
            order by block_number, round_id""";
    private static final String RESOLVED_AMONG = """
            select s.round_id from outcome_settlements s left join settlement_batches b on b.batch_id = s.batch_id
            where s.round_id = any (?)
              and (s.state in ('skipped', 'not_included') or (s.state = 'settled' and b.mined_block <= ?))""";

    private final DataSource dataSource;

    public HistoryQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Marks the rounds left open by the instances before this one (stopped, or deposed: they can no longer close
     * them) as aborted, fenced like any write of the auctioneer; returns how many.
     */
    public int abortOpenRounds(Instant at, Fence fence) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(ABORT_OPEN_ROUNDS)) {
                fence.check(connection);
                Jdbc.setInstant(statement, 1, at);
                int aborted = statement.executeUpdate();
                connection.commit();
                return aborted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** The last blocks declared, newest first, at most {@code limit}. */
    public List<HeadRow> recentHeads(int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(RECENT_HEADS)) {
            statement.setInt(1, limit);
            List<HeadRow> heads = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    heads.add(new HeadRow(
                            Jdbc.getBytes(rows, "block_hash", Hash32::of),
                            Jdbc.getBlock(rows, "block_number"),
                            Jdbc.getBytes(rows, "parent_hash", Hash32::of),
                            rows.getLong("block_timestamp"),
                            Quantity.of(rows.getLong("gas_limit")),
                            Quantity.of(rows.getLong("gas_used")),
                            Jdbc.getWei(rows, "base_fee"),
                            Jdbc.getBytes(rows, "extra_data", Bytes::of)));
                }
            }
            return heads;
        }
    }

    /** The last forkchoice the sequencer made, if any was recorded. */
    public Optional<ForkchoiceRow> forkchoice() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(FORKCHOICE);
                ResultSet row = statement.executeQuery()) {
            return row.next()
                    ? Optional.of(new ForkchoiceRow(
                            Jdbc.getBytes(row, "head_hash", Hash32::of), Jdbc.getBytes(row, "safe_hash", Hash32::of)))
                    : Optional.empty();
        }
    }

    /** The highest round id recorded (0 when none): new round ids must lie above it, whatever the clock says. */
    public long highestRoundId() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(HIGHEST_ROUND_ID);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Outcomes of blocks ≥ {@code fromBlock} with round ids after {@code afterRoundId}, oldest first. */
    public List<OutcomeRow> outcomesFrom(BlockNumber fromBlock, long afterRoundId, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(OUTCOMES_FROM)) {
            Jdbc.setBlock(statement, 1, fromBlock);
            statement.setLong(2, afterRoundId);
            statement.setInt(3, limit);
            List<OutcomeRow> outcomes = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    outcomes.add(outcome(rows));
                }
            }
            return outcomes;
        }
    }

    /** Won blocks whose price is still owed: not settled, skipped or found not included. */
    public List<UnresolvedWinRow> unresolvedWins() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(UNRESOLVED_WINS);
                ResultSet rows = statement.executeQuery()) {
            List<UnresolvedWinRow> wins = new ArrayList<>();
            while (rows.next()) {
                wins.add(new UnresolvedWinRow(
                        rows.getLong("round_id"),
                        Jdbc.getBlock(rows, "block_number"),
                        Jdbc.getBytes(rows, "block_hash", Hash32::of),
                        Jdbc.getBytes(rows, "winner", Address::of),
                        Jdbc.getWei(rows, "price"),
                        rows.getString("state")));
            }
            return wins;
        }
    }

    /** The strikes at blocks within {@code windowBlocks} of the highest struck block, oldest first. */
    public List<StrikeRow> recentStrikes(long windowBlocks) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(RECENT_STRIKES)) {
            statement.setLong(1, windowBlocks);
            List<StrikeRow> strikes = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    strikes.add(new StrikeRow(
                            rows.getLong("round_id"),
                            Jdbc.getBytes(rows, "builder", Address::of),
                            Jdbc.getBlock(rows, "block_number"),
                            Jdbc.getBytes(rows, "won_block_hash", Hash32::of),
                            Jdbc.getBytes(rows, "canonical_block_hash", Hash32::of)));
                }
            }
            return strikes;
        }
    }

    /**
     * Those of {@code roundIds} whose wins no longer need escrow: skipped, not included, or settled in a block of the
     * contracts' chain at or below {@code seenThrough} (the escrow balances read through it show the price paid).
     */
    public List<Long> resolvedAmong(Collection<Long> roundIds, long seenThrough) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(RESOLVED_AMONG)) {
            statement.setArray(1, connection.createArrayOf("bigint", roundIds.toArray()));
            statement.setLong(2, seenThrough);
            List<Long> resolved = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    resolved.add(rows.getLong(1));
                }
            }
            return resolved;
        }
    }

    private static OutcomeRow outcome(ResultSet rows) throws SQLException {
        return new OutcomeRow(
                rows.getLong("round_id"),
                Jdbc.getBlock(rows, "block_number"),
                Jdbc.getBytes(rows, "parent_hash", Hash32::of),
                Jdbc.getBytes(rows, "payload_id", PayloadId::of),
                rows.getString("format"),
                Jdbc.getBytes(rows, "winner", Address::of),
                rows.getObject("winning_bid_id", UUID.class),
                Jdbc.getWei(rows, "bid_value"),
                Jdbc.getWei(rows, "price"),
                Jdbc.getBytes(rows, "runner_up", Address::of),
                rows.getObject("runner_up_bid_id", UUID.class),
                Jdbc.getWei(rows, "runner_up_value"),
                rows.getInt("bid_count"),
                Jdbc.getBytes(rows, "block_hash", Hash32::of),
                Jdbc.getInstant(rows, "closed_at"));
    }
}
