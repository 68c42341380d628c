package dev.gavel.service.simulation;

import dev.gavel.bidding.primitives.Hash32;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** The promise behind every 202: each acknowledged bid is in PostgreSQL, accepted and (once its round closed) revealed. */
public final class AcknowledgedBids {
    private AcknowledgedBids() {}

    /** How many of {@code acknowledged} (the digests their receipts carry) have no accepted row with that digest. */
    public static long missingFrom(DataSource database, List<Hash32> acknowledged) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("select count(*) from unnest(?::text[]) as ack(digest) where not exists"
                        + " (select 1 from bids b where b.bid_digest = decode(substr(ack.digest, 3), 'hex') and b.status = 'accepted')")) {
            Array digests = connection.createArrayOf("text", acknowledged.stream().map(Hash32::toHex).toArray());
            select.setArray(1, digests);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
