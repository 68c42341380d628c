package dev.gavel.db.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Binding Java values to PostgreSQL types the same way everywhere. */
public final class Jdbc {
    private Jdbc() {}

    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(
                index,
                instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC),
                Types.TIMESTAMP_WITH_TIMEZONE);
    }

    public static void setWei(PreparedStatement statement, int index, BigInteger wei) throws SQLException {
        statement.setBigDecimal(index, wei == null ? null : new BigDecimal(wei));
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

    public static BigInteger getWei(ResultSet rows, String column) throws SQLException {
        BigDecimal value = rows.getBigDecimal(column);
        return value == null ? null : value.toBigIntegerExact();
    }
}
