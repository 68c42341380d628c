package dev.gavel.core.testing;

import dev.gavel.core.lease.LeaseStore;
import dev.gavel.core.lease.LeaseStoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The lease in memory, for unit tests: what the service keeps in a PostgreSQL row, with expiry judged by the
 * store's clock. A test can cut it off ({@link #unreachable}) as a network partition or a database outage would.
 */
public final class InMemoryLeaseStore implements LeaseStore {
    private final Clock clock;
    private String holder;
    private long token;
    private Instant expiresAt = Instant.MIN;
    private boolean unreachable;

    public InMemoryLeaseStore(Clock clock) {
        this.clock = clock;
    }

    public synchronized void unreachable(boolean cutOff) {
        unreachable = cutOff;
    }

    @Override
    public synchronized OptionalLong acquire(String candidate, Duration duration) {
        reach();
        Instant now = clock.instant();
        if (now.isBefore(expiresAt)) {
            return OptionalLong.empty();
        }
        holder = candidate;
        token++;
        expiresAt = now.plus(duration);
        return OptionalLong.of(token);
    }

    @Override
    public synchronized boolean renew(String renewer, long grant, Duration duration) {
        reach();
        if (!renewer.equals(holder) || grant != token) {
            return false;
        }
        expiresAt = clock.instant().plus(duration);
        return true;
    }

    @Override
    public synchronized void release(String releaser, long grant) {
        reach();
        if (releaser.equals(holder) && grant == token) {
            expiresAt = clock.instant();
        }
    }

    /** The live grant's token, as the store's fenced writes would check it. */
    public synchronized long currentToken() {
        return token;
    }

    private void reach() {
        if (unreachable) {
            throw new LeaseStoreException("the store is cut off", null);
        }
    }
}
