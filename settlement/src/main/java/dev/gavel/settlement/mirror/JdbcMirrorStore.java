package dev.gavel.settlement.mirror;

import dev.gavel.db.mirror.MirrorRepository;
import dev.gavel.primitives.Address;
import java.sql.SQLException;
import java.util.Optional;
import java.util.stream.Collectors;

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
            return repository
                    .checkpoint(MIRROR)
                    .map(c -> new Checkpoint(
                            c.blockNumber(),
                            c.builders().stream().map(Address::of).collect(Collectors.toSet())));
        } catch (SQLException e) {
            throw new IllegalStateException("the chain mirror's checkpoint cannot be read", e);
        }
    }

    @Override
    public void save(HubView view) {
        try {
            repository.save(
                    MIRROR,
                    view.block(),
                    view.blockHash().toArray(),
                    view.builders().values().stream()
                            .map(b -> new MirrorRepository.BuilderRow(
                                    b.address().toArray(),
                                    b.status().name(),
                                    b.workloadId().toArray(),
                                    b.admitted(),
                                    b.allowed(),
                                    b.balance().amount(),
                                    b.debt().amount()))
                            .toList(),
                    view.policies().stream()
                            .map(v -> new MirrorRepository.PolicyRow(
                                    v.policy().version(),
                                    v.activationBlock().value(),
                                    v.policy().format().wireName(),
                                    v.policy().reservePrice().amount(),
                                    v.policy().bidCutoffMillis(),
                                    v.policy().maxBidsPerBuilder(),
                                    v.policy().minBuilderBalance().amount(),
                                    v.policy().beneficiary().toArray()))
                            .toList());
        } catch (SQLException e) {
            throw new IllegalStateException("the chain mirror's state cannot be stored", e);
        }
    }
}
