package dev.gavel.db.mirror;

import dev.gavel.db.sql.Jdbc;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
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

    /** The last mirrored block of the chain holding the contracts, and the builders known by then. */
    public record Checkpoint(BlockNumber blockNumber, Hash32 blockHash, List<Address> builders) {
        public Checkpoint {
            builders = List.copyOf(builders);
        }
    }

    public record BuilderRow(
            Address address,
            String status,
            Hash32 workloadId,
            boolean admitted,
            boolean allowed,
            Wei balance,
            Wei debt) {}

    /** A policy version; its activation block is a block of the auctioned chain. */
    public record PolicyRow(
            int version,
            BlockNumber activationBlock,
            String format,
            Wei reservePrice,
            long bidCutoffMs,
            int maxBidsPerBuilder,
            Wei minBuilderBalance,
            Address beneficiary) {}

    public Optional<Checkpoint> checkpoint(String mirror) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select block_number, block_hash from chain_checkpoints where mirror = ?")) {
            select.setString(1, mirror);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                BlockNumber block = Jdbc.getBlock(rows, "block_number");
                Hash32 hash = Jdbc.getBytes(rows, "block_hash", Hash32::of);
                List<Address> builders = new ArrayList<>();
                try (ResultSet known = connection.createStatement().executeQuery("select address from hub_builders")) {
                    while (known.next()) {
                        builders.add(Jdbc.getBytes(known, "address", Address::of));
                    }
                }
                return Optional.of(new Checkpoint(block, hash, builders));
            }
        }
    }

    /** Replaces the mirrored state with the state as of {@code blockNumber}, atomically. */
    public void save(
            String mirror,
            BlockNumber blockNumber,
            Hash32 blockHash,
            List<BuilderRow> builders,
            List<PolicyRow> policies)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement checkpoint = connection.prepareStatement("""
                        insert into chain_checkpoints (mirror, block_number, block_hash, updated_at) values (?, ?, ?, now())
                        on conflict (mirror) do update set block_number = excluded.block_number, block_hash = excluded.block_hash, updated_at = now()""")) {
                    checkpoint.setString(1, mirror);
                    Jdbc.setBlock(checkpoint, 2, blockNumber);
                    Jdbc.setBytes(checkpoint, 3, blockHash);
                    checkpoint.executeUpdate();
                }
                connection.createStatement().executeUpdate("delete from hub_builders");
                connection.createStatement().executeUpdate("delete from hub_policies");
                try (PreparedStatement insert =
                        connection.prepareStatement("insert into hub_builders values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (BuilderRow b : builders) {
                        Jdbc.setBytes(insert, 1, b.address());
                        insert.setString(2, b.status());
                        Jdbc.setBytes(insert, 3, b.workloadId());
                        insert.setBoolean(4, b.admitted());
                        insert.setBoolean(5, b.allowed());
                        Jdbc.setWei(insert, 6, b.balance());
                        Jdbc.setWei(insert, 7, b.debt());
                        Jdbc.setBlock(insert, 8, blockNumber);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                try (PreparedStatement insert =
                        connection.prepareStatement("insert into hub_policies values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (PolicyRow p : policies) {
                        insert.setInt(1, p.version());
                        Jdbc.setBlock(insert, 2, p.activationBlock());
                        insert.setString(3, p.format());
                        Jdbc.setWei(insert, 4, p.reservePrice());
                        insert.setLong(5, p.bidCutoffMs());
                        insert.setInt(6, p.maxBidsPerBuilder());
                        Jdbc.setWei(insert, 7, p.minBuilderBalance());
                        Jdbc.setBytes(insert, 8, p.beneficiary());
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
