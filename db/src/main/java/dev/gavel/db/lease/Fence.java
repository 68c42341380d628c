package dev.gavel.db.lease;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a write transaction runs first, on its own connection: the check that its writer still holds the
 * auctioneer's lease ({@link LeaseRepository#fence}), which throws {@link FencedException} when it does not.
 */
@FunctionalInterface
public interface Fence {
    /** No check: a writer alone on its database (tests and tools that run no second instance). */
    Fence NONE = connection -> {};

    void check(Connection connection) throws SQLException;
}
