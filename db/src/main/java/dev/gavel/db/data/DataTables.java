package dev.gavel.db.data;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The data API's reads, newest first, a page at a time by keyset (a cursor is the last row's key, so a page costs
 * the same however deep it is), every filter on an indexed raw column. Nothing about a round still open is ever
 * read: its row, its bids and their count stay out until it closes.
 */
public final class DataTables {
    private static final String ROUNDS = """
            select r.round_id as "roundId", r.block_number as "blockNumber", hex(r.parent_hash) as "parentHash",
                   hex(r.payload_id) as "payloadId", r.status, r.format, r.policy_version as "policyVersion",
                   r.reserve_price as "reservePrice", hex(o.winner) as winner, o.bid_value as "bidValue", o.price,
                   hex(o.runner_up) as "runnerUp", o.runner_up_value as "runnerUpValue",
                   coalesce(o.bid_count, (select count(*) from bids b where b.round_id = r.round_id and b.status = 'accepted')) as "bidCount",
                   hex(o.block_hash) as "blockHash", o.winning_bid_id as "winningBidId", r.opened_at as "openedAt",
                   r.bid_deadline as "bidDeadline", r.closed_at as "closedAt",
                   round(extract(epoch from (r.closed_at - r.opened_at)) * 1000, 1) as "openMs"
            from rounds r left join outcomes o on o.round_id = r.round_id
            where r.status <> 'open' %s
            order by r.round_id desc limit ?""";
    private static final String BIDS = """
            select b.bid_id as "bidId", b.round_id as "roundId", b.block_number as "blockNumber",
                   hex(b.parent_hash) as "parentHash", hex(b.builder) as builder, b.status,
                   b.rejection_code as "rejectionCode", b.received_at as "receivedAt", b.body_bytes as "bodyBytes",
                   b.value, hex(b.block_hash) as "blockHash", hex(b.bid_digest) as "bidDigest", b.gas_used as "gasUsed",
                   b.transaction_count as "transactionCount", b.revealed_at as "revealedAt",
                   b.decode_us + b.route_us + b.open_us + b.verify_us + b.check_us as "intakeMicros"
            from bids b join rounds r on r.round_id = b.round_id
            where r.status <> 'open' %s
            order by b.received_at desc, b.bid_id desc limit ?""";
    private static final String SETTLEMENTS = """
            select s.round_id as "roundId", s.block_number as "blockNumber", hex(s.block_hash) as "blockHash",
                   hex(o.winner) as winner, o.price as "auctionPrice", s.state, s.skip_reason as "skipReason",
                   s.price as "settledPrice", s.charged, s.batch_id as "batchId", hex(t.tx_hash) as "transactionHash",
                   t.mined_block as "minedBlock", o.closed_at as "closedAt", s.updated_at as "updatedAt",
                   s.ended_at as "settledAt"
            from outcome_settlements s
            join outcomes o on o.round_id = s.round_id
            left join settlement_batches t on t.batch_id = s.batch_id
            where true %s
            order by s.round_id desc limit ?""";
    private static final String BUILDERS = """
            with known as (select address from hub_builders union select builder from builder_days),
            totals as (select builder, sum(bids_submitted) as bids, sum(bids_accepted) as accepted,
                              sum(rounds_won) as wins, sum(wei_owed) as owed, max(day) as last_day
                       from builder_days group by builder)
            select hex(k.address) as builder, h.status as "hubStatus", h.admitted, h.allowed,
                   h.balance as escrow, h.debt, hex(h.workload_id) as "workloadId", h.as_of_block as "asOfBlock",
                   case when h.address is null then 'not on the hub: admitted by the service''s allowlist or attestation'
                        when h.status = 'BANNED' then 'banned by the hub'
                        when h.status = 'SUSPENDED' and h.debt > 0 then 'suspended: owes a debt'
                        when h.status = 'SUSPENDED' then 'suspended by the hub'
                        when not h.allowed then 'not allowed: the hub is permissioned'
                        when not h.admitted then 'not admitted: no approved workload or deposit'
                        else 'admitted' end as "admissionReason",
                   null::integer as strikes,
                   coalesce(t.bids, 0) as "bidsSubmitted", coalesce(t.accepted, 0) as "bidsAccepted",
                   coalesce(t.wins, 0) as "roundsWon", coalesce(t.owed, 0) as "weiOwed", t.last_day as "lastActiveDay"
            from known k
            left join hub_builders h on h.address = k.address
            left join totals t on t.builder = k.address
            where true %s
            order by k.address limit ?""";
    private static final String OWN_BIDS = """
            select b.bid_id as "bidId", b.round_id as "roundId", b.block_number as "blockNumber", b.status,
                   b.rejection_code as "rejectionCode", b.rejection_message as "rejectionMessage",
                   b.received_at as "receivedAt", b.value, hex(b.block_hash) as "blockHash",
                   hex(b.bid_digest) as "bidDigest", b.gas_used as "gasUsed", b.transaction_count as "transactionCount",
                   r.status as "roundStatus", coalesce(o.winning_bid_id = b.bid_id, false) as won,
                   case when o.winning_bid_id = b.bid_id then o.price end as price,
                   case when o.winning_bid_id = b.bid_id then s.state end as "settlementState",
                   case when o.winning_bid_id = b.bid_id then s.charged end as charged
            from bids b
            left join rounds r on r.round_id = b.round_id
            left join outcomes o on o.round_id = b.round_id
            left join outcome_settlements s on s.round_id = b.round_id
            where b.builder = ? and b.block_number between ? and ? and coalesce(r.status, 'closed') <> 'open' %s
            order by b.received_at desc, b.bid_id desc limit ?""";

    private final DataSource dataSource;

    /** {@code dataSource}: the data API's own read-only pool. */
    public DataTables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Rounds that are over (closed by getPayload, expired or aborted), with their outcome when there is one. */
    public DataPage rounds(DataQuery query) throws SQLException {
        return roundsWhere(query, new Where());
    }

    /** Rounds closed by getPayload: each block's auction result, won or not. */
    public DataPage outcomes(DataQuery query) throws SQLException {
        return roundsWhere(query, new Where().add("o.round_id is not null"));
    }

    private DataPage roundsWhere(DataQuery query, Where where) throws SQLException {
        blocks(where, query, "r.block_number");
        query.builder().ifPresent(builder -> where.add("o.winner = ?", builder.toArray()));
        times(where, query, "r.closed_at");
        query.state().ifPresent(status -> where.add("r.status = ?", status));
        query.cursor().ifPresent(cursor -> where.add("r.round_id < ?", DataCursors.roundId(cursor)));
        return page(ROUNDS, where, query.limit(), row -> String.valueOf(row.get("roundId")));
    }

    /** Bids of rounds that are over, revealed fields only (no ciphertext, no signature, no rejection message). */
    public DataPage bids(DataQuery query) throws SQLException {
        Where where = new Where();
        blocks(where, query, "b.block_number");
        query.builder().ifPresent(builder -> where.add("b.builder = ?", builder.toArray()));
        times(where, query, "b.received_at");
        query.state().ifPresent(status -> where.add("b.status = ?", status));
        bidCursor(where, query);
        return page(BIDS, where, query.limit(), DataTables::bidCursorOf);
    }

    /** Won blocks on their way to payment: pending, payable, not included, submitted, settled or skipped. */
    public DataPage settlements(DataQuery query) throws SQLException {
        Where where = new Where();
        blocks(where, query, "s.block_number");
        query.builder().ifPresent(builder -> where.add("o.winner = ?", builder.toArray()));
        times(where, query, "o.closed_at");
        query.state().ifPresent(state -> where.add("s.state = ?", state));
        query.cursor().ifPresent(cursor -> where.add("s.round_id < ?", DataCursors.roundId(cursor)));
        return page(SETTLEMENTS, where, query.limit(), row -> String.valueOf(row.get("roundId")));
    }

    /** Every builder the hub or the history knows: hub standing, escrow, debt, why it is (not) admitted, totals. */
    public DataPage builders(DataQuery query) throws SQLException {
        Where where = new Where();
        query.builder().ifPresent(builder -> where.add("k.address = ?", builder.toArray()));
        query.state().ifPresent(status -> where.add("h.status = ?", status));
        query.cursor()
                .ifPresent(cursor ->
                        where.add("k.address > ?", DataCursors.address(cursor).toArray()));
        return page(BUILDERS, where, query.limit(), row -> (String) row.get("builder"));
    }

    /**
     * One builder's own bids in blocks [{@code fromBlock}, {@code toBlock}] once their rounds are over, with
     * what became of each: rejection and its message, won or lost, price, settlement.
     */
    public DataPage ownBids(Address builder, BlockNumber fromBlock, BlockNumber toBlock, DataQuery query)
            throws SQLException {
        Where where = new Where(builder.toArray(), fromBlock.value(), toBlock.value());
        bidCursor(where, query);
        return page(OWN_BIDS, where, query.limit(), DataTables::bidCursorOf);
    }

    private static void bidCursor(Where where, DataQuery query) {
        query.cursor().ifPresent(cursor -> {
            DataCursors.BidKey key = DataCursors.bidKey(cursor);
            where.add("(b.received_at, b.bid_id) < (?, ?)", Timestamp.from(key.receivedAt()), key.bidId());
        });
    }

    private static String bidCursorOf(Map<String, Object> row) {
        return DataCursors.bidCursor(Instant.parse((String) row.get("receivedAt")), (UUID) row.get("bidId"));
    }

    private static void blocks(Where where, DataQuery query, String column) {
        query.fromBlock().ifPresent(block -> where.add(column + " >= ?", block.value()));
        query.toBlock().ifPresent(block -> where.add(column + " <= ?", block.value()));
    }

    private static void times(Where where, DataQuery query, String column) {
        query.from().ifPresent(from -> where.add(column + " >= ?", Timestamp.from(from)));
        query.to().ifPresent(to -> where.add(column + " < ?", Timestamp.from(to)));
    }

    private DataPage page(String sql, Where where, int limit, Function<Map<String, Object>, String> key)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql.formatted(where.clauses()))) {
            int index = where.bind(select);
            select.setInt(index, limit + 1);
            try (ResultSet rows = select.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnLabel(i));
                }
                List<Map<String, Object>> page = new ArrayList<>();
                while (rows.next()) {
                    page.add(row(rows, columns));
                }
                if (page.size() <= limit) {
                    return new DataPage(columns, page, Optional.empty());
                }
                page.removeLast();
                return new DataPage(columns, page, Optional.of(key.apply(page.getLast())));
            }
        }
    }

    private static Map<String, Object> row(ResultSet rows, List<String> columns) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), value(rows.getObject(i + 1)));
        }
        return row;
    }

    /** Wei and other numerics as decimal strings (a uint256 does not fit a JSON number), times as ISO-8601. */
    private static Object value(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal decimal -> decimal.toPlainString();
            case Timestamp time -> time.toInstant().toString();
            case java.sql.Date day -> day.toLocalDate().toString();
            default -> value;
        };
    }

    /** SQL conditions ANDed after the fixed ones, and their parameters in order. */
    private static final class Where {
        private final StringBuilder clauses = new StringBuilder();
        private final List<Object> parameters = new ArrayList<>();

        /** {@code fixed}: the parameters of the query's own conditions, bound first. */
        Where(Object... fixed) {
            parameters.addAll(List.of(fixed));
        }

        Where add(String clause, Object... values) {
            clauses.append(" and ").append(clause);
            parameters.addAll(List.of(values));
            return this;
        }

        String clauses() {
            return clauses.toString();
        }

        int bind(PreparedStatement statement) throws SQLException {
            int index = 1;
            for (Object parameter : parameters) {
                statement.setObject(index++, parameter);
            }
            return index;
        }
    }
}
