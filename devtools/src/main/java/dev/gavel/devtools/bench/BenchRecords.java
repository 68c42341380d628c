package dev.gavel.devtools.bench;

import dev.gavel.bidding.bid.BidReceipt;
import dev.gavel.simulation.AcknowledgedBids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** What the benchmarked Gavel recorded: intake timings of the accepted bids, and whether every acknowledged bid is there. */
final class BenchRecords {
    private final DataSource dataSource;

    BenchRecords(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    long missing(List<BidReceipt> acknowledged) throws SQLException {
        return AcknowledgedBids.missingFrom(dataSource, acknowledged);
    }

    /** Mean µs per intake stage of the accepted bids since {@code from}: where intake time goes. */
    Map<String, Double> intakeStageMicros(Instant from) throws SQLException {
        Map<String, Double> stages = new LinkedHashMap<>();
        for (String stage : List.of("decode", "route", "open", "verify", "check")) {
            stages.put(
                    stage,
                    Math.round(scalar(
                                            "select coalesce(avg(" + stage
                                                    + "_us), 0) from bids where status = 'accepted' and received_at >= ?",
                                            from)
                                    * 10)
                            / 10.0);
        }
        return stages;
    }

    private double scalar(String query, Instant from) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(query)) {
            select.setTimestamp(1, Timestamp.from(from));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getDouble(1);
            }
        }
    }
}
