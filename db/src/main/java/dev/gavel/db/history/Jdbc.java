package dev.gavel.db.history;

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
final class Jdbc {
    private Jdbc() {}

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    static void setWei(PreparedStatement statement, int index, BigInteger wei) throws SQLException {
        statement.setBigDecimal(index, wei == null ? null : new BigDecimal(wei));
    }

    static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        statement.setObject(index, value, Types.BIGINT);
    }

    static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        statement.setObject(index, value, Types.INTEGER);
    }

    static Instant getInstant(ResultSet rows, String column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static BigInteger getWei(ResultSet rows, String column) throws SQLException {
        BigDecimal value = rows.getBigDecimal(column);
        return value == null ? null : value.toBigIntegerExact();
    }
}
