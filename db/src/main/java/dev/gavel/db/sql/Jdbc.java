package dev.gavel.db.sql;

import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.ByteValue;
import dev.gavel.primitives.Wei;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * Binding Gavel's values to PostgreSQL types the same way everywhere: byte values as {@code bytea}, wei as
 * {@code numeric(78,0)}, block numbers as {@code bigint}, instants as {@code timestamptz}; null as SQL null.
 */
public final class Jdbc {
    private Jdbc() {}

    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(
                index,
                instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC),
                Types.TIMESTAMP_WITH_TIMEZONE);
    }

    public static void setWei(PreparedStatement statement, int index, Wei wei) throws SQLException {
        statement.setBigDecimal(index, wei == null ? null : new BigDecimal(wei.amount()));
    }

    public static void setBytes(PreparedStatement statement, int index, ByteValue value) throws SQLException {
        statement.setBytes(index, value == null ? null : value.toArray());
    }

    public static void setBlock(PreparedStatement statement, int index, BlockNumber block) throws SQLException {
        setLong(statement, index, block == null ? null : block.value());
    }

    public static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        statement.setObject(index, value, Types.BIGINT);
    }

    public static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        statement.setObject(index, value, Types.INTEGER);
    }

    public static Instant getInstant(ResultSet rows, String column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    public static Wei getWei(ResultSet rows, String column) throws SQLException {
        BigDecimal value = rows.getBigDecimal(column);
        return value == null ? null : new Wei(value.toBigIntegerExact());
    }

    /** A {@code bytea} column as a byte value, e.g. {@code getBytes(rows, "block_hash", Hash32::of)}. */
    public static <T extends ByteValue> T getBytes(ResultSet rows, String column, Function<byte[], T> of)
            throws SQLException {
        byte[] bytes = rows.getBytes(column);
        return bytes == null ? null : of.apply(bytes);
    }

    public static BlockNumber getBlock(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : BlockNumber.of(value);
    }
}
