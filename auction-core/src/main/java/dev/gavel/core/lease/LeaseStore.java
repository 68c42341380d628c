package dev.gavel.core.lease;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Where the auctioneer's lease is kept, the port the core owns (a PostgreSQL row in the service): one grant at a
 * time, each with a fencing token larger than every earlier grant's, which the store's own writes check, so that a
 * holder whose grant has passed to another can no longer write. Expiry is judged by the store's own clock, the one
 * every instance shares. Every method throws {@link LeaseStoreException} when the store cannot be reached.
 */
public interface LeaseStore {
    /** Grants the lease to {@code holder} for {@code duration} if it is free or has expired: the new grant's token; empty while another grant lives. */
    OptionalLong acquire(String holder, Duration duration);

    /** Extends the grant {@code token} of {@code holder} to {@code duration} from now; false when the lease has since been granted again. */
    boolean renew(String holder, long token, Duration duration);

    /** Ends the grant {@code token} at once, so that a standby need not wait for it to expire; nothing when it is no longer the live grant. */
    void release(String holder, long token);
}
