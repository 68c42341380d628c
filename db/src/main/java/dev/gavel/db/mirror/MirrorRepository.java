package dev.gavel.db.mirror;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The chain mirror's tables: its checkpoint, the builders and the policy versions as of that block. */
public final class MirrorRepository {
    private final DataSource dataSource;

    public MirrorRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Checkpoint(long blockNumber, byte[] blockHash, List<byte[]> builders) {}

    public record BuilderRow(
            byte[] address,
            String status,
            byte[] workloadId,
            boolean admitted,
            boolean allowed,
            BigInteger balance,
            BigInteger debt) {}

    public record PolicyRow(
            int version,
            long activationBlock,
            String format,
            BigInteger reservePrice,
            long bidCutoffMs,
            int maxBidsPerBuilder,
            BigInteger minBuilderBalance,
            byte[] beneficiary) {}

    public Optional<Checkpoint> checkpoint(String mirror) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select block_number, block_hash from chain_checkpoints where mirror = ?")) {
            select.setString(1, mirror);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long block = rows.getLong(1);
                byte[] hash = rows.getBytes(2);
                List<byte[]> builders = new ArrayList<>();
                try (ResultSet known = connection.createStatement().executeQuery("select address from hub_builders")) {
                    while (known.next()) {
                        builders.add(known.getBytes(1));
                    }
                }
                return Optional.of(new Checkpoint(block, hash, builders));
            }
        }
    }

    /** Replaces the mirrored state with the state as of {@code blockNumber}, atomically. */
    public void save(
            String mirror, long blockNumber, byte[] blockHash, List<BuilderRow> builders, List<PolicyRow> policies)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement checkpoint = connection.prepareStatement("""
                        insert into chain_checkpoints (mirror, block_number, block_hash, updated_at) values (?, ?, ?, now())
                        on conflict (mirror) do update set block_number = excluded.block_number, block_hash = excluded.block_hash, updated_at = now()""")) {
                    checkpoint.setString(1, mirror);
                    checkpoint.setLong(2, blockNumber);
                    checkpoint.setBytes(3, blockHash);
                    checkpoint.executeUpdate();
                }
                connection.createStatement().executeUpdate("delete from hub_builders");
                connection.createStatement().executeUpdate("delete from hub_policies");
                try (PreparedStatement insert =
                        connection.prepareStatement("insert into hub_builders values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (BuilderRow b : builders) {
                        insert.setBytes(1, b.address());
                        insert.setString(2, b.status());
                        insert.setBytes(3, b.workloadId());
                        insert.setBoolean(4, b.admitted());
                        insert.setBoolean(5, b.allowed());
                        insert.setBigDecimal(6, new BigDecimal(b.balance()));
                        insert.setBigDecimal(7, new BigDecimal(b.debt()));
                        insert.setLong(8, blockNumber);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                try (PreparedStatement insert =
                        connection.prepareStatement("insert into hub_policies values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (PolicyRow p : policies) {
                        insert.setInt(1, p.version());
                        insert.setLong(2, p.activationBlock());
                        insert.setString(3, p.format());
                        insert.setBigDecimal(4, new BigDecimal(p.reservePrice()));
                        insert.setLong(5, p.bidCutoffMs());
                        insert.setInt(6, p.maxBidsPerBuilder());
                        insert.setBigDecimal(7, new BigDecimal(p.minBuilderBalance()));
                        insert.setBytes(8, p.beneficiary());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
