package dev.gavel.db.history;

import dev.gavel.db.sql.Jdbc;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads of the history the service itself needs: recovery at start-up (open rounds, the last round id) and replay of outcomes. */
public final class HistoryQueries {
    private static final String ABORT_OPEN_ROUNDS = """
            update rounds set status = 'aborted', closed_at = ? where status = 'open'""";
    private static final String HIGHEST_ROUND_ID = "select coalesce(max(round_id), 0) from rounds";
    private static final String OUTCOMES_FROM = """
            select * from outcomes where block_number >= ? and round_id > ? order by round_id limit ?""";

    private final DataSource dataSource;

    public HistoryQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Marks the rounds a stopped service left open as aborted; returns how many. */
    public int abortOpenRounds(Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(ABORT_OPEN_ROUNDS)) {
            Jdbc.setInstant(statement, 1, at);
            return statement.executeUpdate();
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
