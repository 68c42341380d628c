package dev.gavel.db.lease;

import java.sql.SQLException;

/** A write refused because its writer does not hold the auctioneer's lease (any more): nothing of it was written. */
public final class FencedException extends SQLException {
    public FencedException(String message) {
        super(message);
    }
}
