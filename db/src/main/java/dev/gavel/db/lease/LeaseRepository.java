package dev.gavel.db.lease;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The auctioneer's lease in its row (table {@code auctioneer_lease}): granted, renewed and released by this
 * server's clock, each grant with a larger token; and the fence that write transactions run first. A takeover
 * changes the token, a unique column, so it waits for every fenced transaction of the old grant still under way
 * ({@code for key share}); a renewal only moves the expiry and waits for none.
 */
public final class LeaseRepository {
    private static final String ACQUIRE = """
            insert into auctioneer_lease (name, holder, token, acquired_at, renewed_at, expires_at)
            values ('auctioneer', ?, 1, now(), now(), now() + ? * interval '1 millisecond')
            on conflict (name) do update
                set holder = excluded.holder, token = auctioneer_lease.token + 1, acquired_at = now(),
                    renewed_at = now(), expires_at = excluded.expires_at
                where auctioneer_lease.expires_at < now()
            returning token""";
    private static final String RENEW = """
            update auctioneer_lease set renewed_at = now(), expires_at = now() + ? * interval '1 millisecond'
            where name = 'auctioneer' and holder = ? and token = ?""";
    private static final String RELEASE = """
            update auctioneer_lease set expires_at = now()
            where name = 'auctioneer' and holder = ? and token = ? and expires_at > now()""";
    private static final String FENCE = """
            select 1 from auctioneer_lease where name = 'auctioneer' and token = ? for key share""";

    private final DataSource dataSource;

    public LeaseRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Grants the lease to {@code holder} if it is free or expired: the new token; empty while another grant lives. */
    public OptionalLong acquire(String holder, Duration duration) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement acquire = connection.prepareStatement(ACQUIRE)) {
            acquire.setString(1, holder);
            acquire.setLong(2, duration.toMillis());
            try (ResultSet granted = acquire.executeQuery()) {
                return granted.next() ? OptionalLong.of(granted.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Extends {@code holder}'s grant {@code token} to {@code duration} from now; false when it is no longer the grant. */
    public boolean renew(String holder, long token, Duration duration) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement renew = connection.prepareStatement(RENEW)) {
            renew.setLong(1, duration.toMillis());
            renew.setString(2, holder);
            renew.setLong(3, token);
            return renew.executeUpdate() == 1;
        }
    }

    /** Ends {@code holder}'s grant {@code token} now, if it still lives. */
    public void release(String holder, long token) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement(RELEASE)) {
            release.setString(1, holder);
            release.setLong(2, token);
            release.executeUpdate();
        }
    }

    /**
     * The fence of a writer whose grant {@code token} names (empty: it holds none): run first in a write
     * transaction, it holds the lease's row against a takeover until the transaction ends, and throws
     * {@link FencedException} when the grant is no longer the live one.
     */
    public static Fence fence(Supplier<OptionalLong> token) {
        return connection -> {
            OptionalLong held = token.get();
            if (held.isEmpty()) {
                throw new FencedException("this instance does not hold the auctioneer's lease; it writes nothing");
            }
            try (PreparedStatement check = connection.prepareStatement(FENCE)) {
                check.setLong(1, held.getAsLong());
                try (ResultSet row = check.executeQuery()) {
                    if (!row.next()) {
                        throw new FencedException("the auctioneer's lease has passed to another instance (token "
                                + held.getAsLong() + " is stale); this one writes nothing");
                    }
                }
            }
        };
    }
}
