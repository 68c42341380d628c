package dev.gavel.settlement.mirror;

import dev.gavel.db.mirror.MirrorRepository;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;

/** The mirror's checkpoint and tables in PostgreSQL: the one converter between HubView and rows. */
public final class JdbcMirrorStore implements MirrorStore {
    private static final String MIRROR = "builder-hub";

    private final MirrorRepository repository;

    public JdbcMirrorStore(MirrorRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<Checkpoint> load() {
        try {
            return repository.checkpoint(MIRROR).map(c -> new Checkpoint(c.blockNumber(), new HashSet<>(c.builders())));
        } catch (SQLException e) {
            throw new MirrorStoreException("the chain mirror's checkpoint cannot be read", e);
        }
    }

    @Override
    public void save(HubView view) {
        try {
            repository.save(
                    MIRROR,
                    view.block(),
                    view.blockHash(),
                    view.builders().values().stream()
                            .map(b -> new MirrorRepository.BuilderRow(
                                    b.address(),
                                    b.status().name(),
                                    b.workloadId(),
                                    b.admitted(),
                                    b.allowed(),
                                    b.balance(),
                                    b.debt()))
                            .toList(),
                    view.policies().stream()
                            .map(v -> new MirrorRepository.PolicyRow(
                                    v.policy().version(),
                                    v.activationBlock(),
                                    v.policy().format().wireName(),
                                    v.policy().reservePrice(),
                                    v.policy().bidCutoffMillis(),
                                    v.policy().maxBidsPerBuilder(),
                                    v.policy().minBuilderBalance(),
                                    v.policy().beneficiary()))
                            .toList());
        } catch (SQLException e) {
            throw new MirrorStoreException("the chain mirror's state cannot be stored", e);
        }
    }
}
