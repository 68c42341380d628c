package dev.gavel.simulation;

import dev.gavel.bidding.bid.BidReceipt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;

/**
 * The promise behind every 202: each acknowledged bid is in PostgreSQL as an accepted bid. A receipt is found
 * by its digest once the round closed and revealed it, and before that (a round still open, or aborted by a
 * restart) by its round and arrival time, which are stored when the bid is accepted.
 */
public final class AcknowledgedBids {
    private static final String MISSING = """
            select count(*) from unnest(?::text[], ?::bigint[], ?::bigint[]) as ack(digest, round_id, received_us)
            where not exists (select 1 from bids b where b.status = 'accepted'
                and (b.bid_digest = decode(substr(ack.digest, 3), 'hex')
                     or (b.round_id = ack.round_id  -- PostgreSQL keeps microseconds, rounded: allow one either way
                         and b.received_at between to_timestamp((ack.received_us - 1) / 1e6) and to_timestamp((ack.received_us + 1) / 1e6))))""";

    private AcknowledgedBids() {}

    /** How many of {@code acknowledged} have no accepted row. */
    public static long missingFrom(DataSource database, List<BidReceipt> acknowledged) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(MISSING)) {
            select.setArray(
                    1,
                    connection.createArrayOf(
                            "text",
                            acknowledged.stream().map(r -> r.bidId().toHex()).toArray()));
            select.setArray(
                    2,
                    connection.createArrayOf(
                            "bigint",
                            acknowledged.stream().map(BidReceipt::roundId).toArray()));
            select.setArray(
                    3,
                    connection.createArrayOf(
                            "bigint",
                            acknowledged.stream()
                                    .map(r -> ChronoUnit.MICROS.between(Instant.EPOCH, r.receivedAt()))
                                    .toArray()));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
