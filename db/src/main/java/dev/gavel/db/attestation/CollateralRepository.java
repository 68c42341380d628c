package dev.gavel.db.attestation;

import dev.gavel.db.sql.Jdbc;
import dev.gavel.primitives.Bytes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The PCS documents the attestation source fetched (table attestation_collateral): one row per kind and key. */
public final class CollateralRepository {
    private final DataSource dataSource;

    public CollateralRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One stored document.
     *
     * @param tcbEvaluationDataNumber null for a CRL
     */
    public record DocumentRow(
            String kind,
            String key,
            Bytes body,
            Bytes issuerChain,
            Instant issuedAt,
            Instant nextUpdate,
            Instant fetchedAt,
            Integer tcbEvaluationDataNumber) {}

    public List<DocumentRow> all() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("select * from attestation_collateral order by kind, key");
                ResultSet rows = select.executeQuery()) {
            List<DocumentRow> documents = new ArrayList<>();
            while (rows.next()) {
                documents.add(new DocumentRow(
                        rows.getString("kind"),
                        rows.getString("key"),
                        Jdbc.getBytes(rows, "body", Bytes::of),
                        Jdbc.getBytes(rows, "issuer_chain", Bytes::of),
                        Jdbc.getInstant(rows, "issued_at"),
                        Jdbc.getInstant(rows, "next_update"),
                        Jdbc.getInstant(rows, "fetched_at"),
                        rows.getObject("tcb_evaluation_data_number", Integer.class)));
            }
            return documents;
        }
    }

    /** Stores {@code document} in place of the one of the same kind and key. */
    public void save(DocumentRow document) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        insert into attestation_collateral
                            (kind, key, body, issuer_chain, issued_at, next_update, fetched_at, tcb_evaluation_data_number)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (kind, key) do update set body = excluded.body,
                            issuer_chain = excluded.issuer_chain, issued_at = excluded.issued_at,
                            next_update = excluded.next_update, fetched_at = excluded.fetched_at,
                            tcb_evaluation_data_number = excluded.tcb_evaluation_data_number""")) {
            upsert.setString(1, document.kind());
            upsert.setString(2, document.key());
            Jdbc.setBytes(upsert, 3, document.body());
            Jdbc.setBytes(upsert, 4, document.issuerChain());
            Jdbc.setInstant(upsert, 5, document.issuedAt());
            Jdbc.setInstant(upsert, 6, document.nextUpdate());
            Jdbc.setInstant(upsert, 7, document.fetchedAt());
            upsert.setObject(8, document.tcbEvaluationDataNumber(), Types.INTEGER);
            upsert.executeUpdate();
        }
    }
}
