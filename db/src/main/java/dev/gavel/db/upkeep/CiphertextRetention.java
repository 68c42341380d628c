package dev.gavel.db.upkeep;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops whole partitions of sealed ciphertext once they are older than the retention and every round of their
 * bids is closed and settled: no round still open, no won block still pending, payable, submitted or quarantined
 * (set aside until an operator makes it payable again). A dropped
 * partition's files are deleted, so the disk space returns at once. The partition is first detached
 * concurrently, which never blocks the history writer's inserts.
 */
public final class CiphertextRetention {
    private static final Logger log = LoggerFactory.getLogger(CiphertextRetention.class);
    private static final Pattern PARTITION = Pattern.compile("bid_ciphertexts_[a-z0-9]+");
    private static final String PARTITIONS = """
            select c.relname, upper(history_partition_range(c.oid)) as until, i.inhdetachpending
            from pg_inherits i join pg_class c on c.oid = i.inhrelid
            where i.inhparent = 'bid_ciphertexts'::regclass
            order by until""";
    private static final String UNFINISHED = """
            select count(*) from (select distinct round_id from %s) c
            join rounds r on r.round_id = c.round_id
            left join outcome_settlements s on s.round_id = c.round_id
            where r.status = 'open' or s.state in ('pending', 'payable', 'submitted', 'quarantined')""";

    private final DataSource dataSource;
    private final Duration retention;

    public CiphertextRetention(DataSource dataSource, Duration retention) {
        this.dataSource = dataSource;
        this.retention = retention;
    }

    /** Drops every partition that may go at {@code now}; returns their names. */
    public List<String> dropExpired(Instant now) throws SQLException {
        List<String> dropped = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Locks locks = Locks.bounded(connection)) {
            for (Partition partition : partitions(connection)) {
                if (partition.until().isAfter(now.minus(retention))) {
                    break;
                }
                if (unfinishedRounds(connection, partition) > 0) {
                    continue;
                }
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute("alter table bid_ciphertexts detach partition " + partition.name()
                            + (partition.detachPending() ? " finalize" : " concurrently"));
                    ddl.execute("drop table " + partition.name());
                }
                dropped.add(partition.name());
            }
        } finally {
            if (!dropped.isEmpty()) {
                log.info("ciphertext retention dropped {} partition(s): {}", dropped.size(), dropped);
            }
        }
        return dropped;
    }

    private static List<Partition> partitions(Connection connection) throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery(PARTITIONS)) {
            while (rows.next()) {
                String name = rows.getString("relname");
                if (PARTITION.matcher(name).matches()) {
                    partitions.add(new Partition(
                            name, rows.getTimestamp("until").toInstant(), rows.getBoolean("inhdetachpending")));
                }
            }
        }
        return partitions;
    }

    private static long unfinishedRounds(Connection connection, Partition partition) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(UNFINISHED.formatted(partition.name()));
                ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A partition of {@code bid_ciphertexts}: its name (checked against a pattern) and the end of its range. */
    private record Partition(String name, Instant until, boolean detachPending) {}
}
