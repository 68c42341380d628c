package dev.gavel.settlement.testing;

import dev.gavel.db.sql.Jdbc;
import dev.gavel.primitives.Hash32;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The settlement tables of a PostgreSQL history, read back. */
public final class JdbcSettlementLedger implements SettlementLedger {
    private final DataSource dataSource;

    public JdbcSettlementLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<String> states() throws SQLException {
        return query("""
                select round_id || ':' || state || ':' || coalesce(price::text, '-') || ':' || coalesce(charged::text, '-')
                from outcome_settlements order by round_id""", rows -> rows.getString(1));
    }

    @Override
    public List<String> reasons() throws SQLException {
        return query(
                "select round_id || ':' || skip_reason from outcome_settlements where skip_reason is not null order by round_id",
                rows -> rows.getString(1));
    }

    @Override
    public List<Batch> batches() throws SQLException {
        return query("select * from settlement_batches order by batch_id", rows -> {
            long gas = rows.getLong("gas_used");
            Long gasUsed = rows.wasNull() ? null : gas;
            return new Batch(
                    rows.getLong("batch_id"),
                    rows.getString("state"),
                    rows.getInt("items"),
                    Jdbc.getBytes(rows, "tx_hash", Hash32::of),
                    gasUsed,
                    Jdbc.getWei(rows, "fee_paid"));
        });
    }

    @Override
    public List<Attempt> attempts() throws SQLException {
        return query(
                "select tx_hash, max_fee_per_gas from settlement_attempts order by signed_at, tx_hash",
                rows -> new Attempt(Jdbc.getBytes(rows, "tx_hash", Hash32::of), Jdbc.getWei(rows, "max_fee_per_gas")));
    }

    private <T> List<T> query(String sql, Row<T> row) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(row.read(rows));
            }
            return result;
        }
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }
}
