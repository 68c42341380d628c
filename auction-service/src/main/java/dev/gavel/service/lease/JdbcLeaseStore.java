package dev.gavel.service.lease;

import dev.gavel.core.lease.LeaseStore;
import dev.gavel.core.lease.LeaseStoreException;
import dev.gavel.db.lease.LeaseRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;

/** The auctioneer's lease in PostgreSQL, over db's {@link LeaseRepository}: a failed statement becomes a {@link LeaseStoreException}. */
public final class JdbcLeaseStore implements LeaseStore {
    private final LeaseRepository repository;

    public JdbcLeaseStore(LeaseRepository repository) {
        this.repository = repository;
    }

    @Override
    public OptionalLong acquire(String holder, Duration duration) {
        try {
            return repository.acquire(holder, duration);
        } catch (SQLException e) {
            throw unreachable("take", e);
        }
    }

    @Override
    public boolean renew(String holder, long token, Duration duration) {
        try {
            return repository.renew(holder, token, duration);
        } catch (SQLException e) {
            throw unreachable("renew", e);
        }
    }

    @Override
    public void release(String holder, long token) {
        try {
            repository.release(holder, token);
        } catch (SQLException e) {
            throw unreachable("give up", e);
        }
    }

    private static LeaseStoreException unreachable(String what, SQLException e) {
        return new LeaseStoreException("cannot " + what + " the lease: " + e.getMessage(), e);
    }
}
