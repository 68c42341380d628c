package dev.gavel.service.admission;

import dev.gavel.attestation.source.CollateralStore;
import dev.gavel.attestation.source.CollateralStoreException;
import dev.gavel.attestation.source.PcsDocument;
import dev.gavel.db.attestation.CollateralRepository;
import java.sql.SQLException;
import java.util.List;

/** The PCS source's documents in PostgreSQL: the one converter between PcsDocument and its row. */
public final class JdbcCollateralStore implements CollateralStore {
    private final CollateralRepository repository;

    public JdbcCollateralStore(CollateralRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<PcsDocument> load() {
        try {
            return repository.all().stream()
                    .map(row -> new PcsDocument(
                            PcsDocument.Kind.stored(row.kind()),
                            row.key(),
                            row.body(),
                            row.issuerChain(),
                            row.issuedAt(),
                            row.nextUpdate(),
                            row.fetchedAt(),
                            row.tcbEvaluationDataNumber()))
                    .toList();
        } catch (SQLException e) {
            throw new CollateralStoreException("the stored collateral cannot be read", e);
        }
    }

    @Override
    public void save(PcsDocument document) {
        try {
            repository.save(new CollateralRepository.DocumentRow(
                    document.kind().storedName(),
                    document.key(),
                    document.body(),
                    document.issuerChain(),
                    document.issuedAt(),
                    document.nextUpdate(),
                    document.fetchedAt(),
                    document.tcbEvaluationDataNumber()));
        } catch (SQLException e) {
            throw new CollateralStoreException("the fetched " + document.id() + " cannot be stored", e);
        }
    }
}
