package dev.gavel.db.history;

import dev.gavel.db.sql.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one history batch, run in a fixed order (rounds, bids and their ciphertext, reveals, outcomes and
 * their settlement rows, round status, inclusion changes, strikes, then the chain's heads, only the recent ones
 * kept, and its forkchoice) so
 * that rows always exist before what refers to them. Every statement is idempotent: a batch retried
 * after a failure writes nothing twice. A round id already recorded for another round fails the batch (then
 * that write alone): its bids and outcome must never be filed under someone else's round.
 */
final class HistoryStatements {
    private static final String INSERT_ROUND = """
            insert into rounds (round_id, payload_id, block_number, parent_hash, block_timestamp, attributes,
                policy_version, format, reserve_price, bid_cutoff_ms, max_bids_per_builder, min_builder_balance,
                beneficiary, bid_deadline, opened_at)
            values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (round_id) do update set round_id = excluded.round_id
            where rounds.payload_id = excluded.payload_id and rounds.opened_at = excluded.opened_at""";
    private static final String INSERT_BID = """
            insert into bids (bid_id, round_id, status, rejection_code, rejection_message, received_at, body_bytes,
                block_number, parent_hash, builder, key_id, encapsulated_key,
                decode_us, route_us, open_us, verify_us, check_us)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (bid_id, received_at) do nothing""";
    private static final String INSERT_CIPHERTEXT = """
            insert into bid_ciphertexts (bid_id, received_at, round_id, ciphertext) values (?, ?, ?, ?)
            on conflict (bid_id, received_at) do nothing""";
    // the arrival, exact to the microsecond PostgreSQL keeps, leads to the bid's one partition
    private static final String REVEAL_BID = """
            update bids set bid_digest = ?, block_hash = ?, value = ?, signature = ?, revealed_at = ?, gas_used = ?,
                transaction_count = ?
            where bid_id = ? and received_at = ?""";
    private static final String INSERT_OUTCOME = """
            insert into outcomes (round_id, block_number, parent_hash, payload_id, format, winner, winning_bid_id,
                bid_value, price, runner_up, runner_up_bid_id, runner_up_value, bid_count, block_hash, closed_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (round_id) do nothing""";
    private static final String TRACK_SETTLEMENT = """
            insert into outcome_settlements (round_id, block_number, block_hash) values (?, ?, ?)
            on conflict (round_id) do nothing""";
    private static final String CHANGE_INCLUSION = """
            update outcome_settlements set state = ?, updated_at = now()
            where round_id = ? and state in ('pending', 'payable', 'not_included')""";
    private static final String INSERT_STRIKE = """
            insert into strikes (round_id, builder, block_number, won_block_hash, canonical_block_hash)
            values (?, ?, ?, ?, ?)
            on conflict (round_id) do nothing""";
    private static final String CLOSE_ROUND = """
            update rounds set status = ?, closed_at = ? where round_id = ? and status = 'open'""";

    private static final String INSERT_HEAD = """
            insert into chain_heads (block_hash, block_number, parent_hash, block_timestamp, gas_limit, gas_used,
                base_fee, extra_data)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (block_hash) do nothing""";
    private static final String PRUNE_HEADS = """
            delete from chain_heads where block_number < ?""";
    private static final String SET_FORKCHOICE = """
            insert into chain_forkchoice (only_row, head_hash, safe_hash, updated_at) values (true, ?, ?, now())
            on conflict (only_row) do update
                set head_hash = excluded.head_hash, safe_hash = excluded.safe_hash, updated_at = now()""";
    /** Blocks kept below the newest declared one: what a standby needs, and a reorg's depth. */
    private static final long HEADS_KEPT = 1_024;

    private static final String UNIQUE_VIOLATION = "23505";

    private HistoryStatements() {}

    static void execute(Connection connection, List<HistoryWrite> writes) throws SQLException {
        List<RoundRow> roundRows = new ArrayList<>();
        try (PreparedStatement rounds = connection.prepareStatement(INSERT_ROUND);
                PreparedStatement bids = connection.prepareStatement(INSERT_BID);
                PreparedStatement ciphertexts = connection.prepareStatement(INSERT_CIPHERTEXT);
                PreparedStatement reveals = connection.prepareStatement(REVEAL_BID);
                PreparedStatement outcomes = connection.prepareStatement(INSERT_OUTCOME);
                PreparedStatement settlements = connection.prepareStatement(TRACK_SETTLEMENT);
                PreparedStatement closes = connection.prepareStatement(CLOSE_ROUND);
                PreparedStatement inclusions = connection.prepareStatement(CHANGE_INCLUSION);
                PreparedStatement strikes = connection.prepareStatement(INSERT_STRIKE);
                PreparedStatement heads = connection.prepareStatement(INSERT_HEAD);
                PreparedStatement pruning = connection.prepareStatement(PRUNE_HEADS);
                PreparedStatement forkchoice = connection.prepareStatement(SET_FORKCHOICE)) {
            for (HistoryWrite write : writes) {
                switch (write) {
                    case RoundRow round -> {
                        addRound(rounds, round);
                        roundRows.add(round);
                    }
                    case BidRow bid -> addBid(bids, ciphertexts, bid);
                    case RoundClosure closure -> addClosure(reveals, outcomes, settlements, closes, closure);
                    case InclusionChange change -> addInclusion(inclusions, change);
                    case StrikeRow strike -> addStrike(strikes, strike);
                    case HeadRow head -> addHead(heads, pruning, head);
                    case ForkchoiceRow choice -> addForkchoice(forkchoice, choice);
                }
            }
            refuseTakenRoundIds(rounds.executeBatch(), roundRows);
            bids.executeBatch();
            ciphertexts.executeBatch();
            reveals.executeBatch();
            outcomes.executeBatch();
            settlements.executeBatch();
            closes.executeBatch();
            inclusions.executeBatch();
            strikes.executeBatch();
            heads.executeBatch();
            pruning.executeBatch();
            forkchoice.executeBatch();
        }
    }

    private static void addHead(PreparedStatement heads, PreparedStatement pruning, HeadRow h) throws SQLException {
        Jdbc.setBytes(heads, 1, h.blockHash());
        Jdbc.setBlock(heads, 2, h.blockNumber());
        Jdbc.setBytes(heads, 3, h.parentHash());
        heads.setLong(4, h.timestamp());
        heads.setLong(5, h.gasLimit().value());
        heads.setLong(6, h.gasUsed().value());
        Jdbc.setWei(heads, 7, h.baseFee());
        Jdbc.setBytes(heads, 8, h.extraData());
        heads.addBatch();
        pruning.setLong(1, h.blockNumber().value() - HEADS_KEPT);
        pruning.addBatch();
    }

    private static void addForkchoice(PreparedStatement s, ForkchoiceRow choice) throws SQLException {
        Jdbc.setBytes(s, 1, choice.head());
        Jdbc.setBytes(s, 2, choice.safe());
        s.addBatch();
    }

    /** A round insert that changed no row met a recorded round of the same id but another payload or opening. */
    private static void refuseTakenRoundIds(int[] counts, List<RoundRow> rows) throws SQLException {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                RoundRow row = rows.get(i);
                throw new SQLException(
                        "round id " + row.roundId() + " (block " + row.blockNumber() + ", payload " + row.payloadId()
                                + ") is already recorded for another round",
                        UNIQUE_VIOLATION);
            }
        }
    }

    private static void addRound(PreparedStatement s, RoundRow r) throws SQLException {
        s.setLong(1, r.roundId());
        Jdbc.setBytes(s, 2, r.payloadId());
        Jdbc.setBlock(s, 3, r.blockNumber());
        Jdbc.setBytes(s, 4, r.parentHash());
        s.setLong(5, r.blockTimestamp().value());
        s.setString(6, r.attributesJson());
        s.setInt(7, r.policyVersion());
        s.setString(8, r.format());
        Jdbc.setWei(s, 9, r.reservePrice());
        s.setLong(10, r.bidCutoffMs());
        s.setInt(11, r.maxBidsPerBuilder());
        Jdbc.setWei(s, 12, r.minBuilderBalance());
        Jdbc.setBytes(s, 13, r.beneficiary());
        Jdbc.setInstant(s, 14, r.bidDeadline());
        Jdbc.setInstant(s, 15, r.openedAt());
        s.addBatch();
    }

    private static void addBid(PreparedStatement s, PreparedStatement ciphertexts, BidRow b) throws SQLException {
        s.setObject(1, b.bidId(), Types.OTHER);
        Jdbc.setLong(s, 2, b.roundId());
        s.setString(3, b.accepted() ? "accepted" : "rejected");
        s.setString(4, b.rejectionCode());
        s.setString(5, b.rejectionMessage());
        Jdbc.setInstant(s, 6, b.receivedAt());
        s.setInt(7, b.bodyBytes());
        Jdbc.setBlock(s, 8, b.blockNumber());
        Jdbc.setBytes(s, 9, b.parentHash());
        Jdbc.setBytes(s, 10, b.builder());
        Jdbc.setInteger(s, 11, b.keyId());
        Jdbc.setBytes(s, 12, b.encapsulatedKey());
        s.setLong(13, b.stages().decode());
        s.setLong(14, b.stages().route());
        s.setLong(15, b.stages().open());
        s.setLong(16, b.stages().verify());
        s.setLong(17, b.stages().check());
        s.addBatch();
        if (b.ciphertext() != null) {
            ciphertexts.setObject(1, b.bidId(), Types.OTHER);
            Jdbc.setInstant(ciphertexts, 2, b.receivedAt());
            Jdbc.setLong(ciphertexts, 3, b.roundId());
            Jdbc.setBytes(ciphertexts, 4, b.ciphertext());
            ciphertexts.addBatch();
        }
    }

    private static void addInclusion(PreparedStatement s, InclusionChange change) throws SQLException {
        s.setString(1, change.state());
        s.setLong(2, change.roundId());
        s.addBatch();
    }

    private static void addStrike(PreparedStatement s, StrikeRow strike) throws SQLException {
        s.setLong(1, strike.roundId());
        Jdbc.setBytes(s, 2, strike.builder());
        Jdbc.setBlock(s, 3, strike.blockNumber());
        Jdbc.setBytes(s, 4, strike.wonBlockHash());
        Jdbc.setBytes(s, 5, strike.canonicalBlockHash());
        s.addBatch();
    }

    private static void addClosure(
            PreparedStatement reveals,
            PreparedStatement outcomes,
            PreparedStatement settlements,
            PreparedStatement closes,
            RoundClosure closure)
            throws SQLException {
        for (BidReveal reveal : closure.reveals()) {
            Jdbc.setBytes(reveals, 1, reveal.digest());
            Jdbc.setBytes(reveals, 2, reveal.blockHash());
            Jdbc.setWei(reveals, 3, reveal.value());
            Jdbc.setBytes(reveals, 4, reveal.signature());
            Jdbc.setInstant(reveals, 5, closure.closedAt());
            reveals.setLong(6, reveal.gasUsed());
            reveals.setInt(7, reveal.transactionCount());
            reveals.setObject(8, reveal.bidId(), Types.OTHER);
            Jdbc.setInstant(reveals, 9, reveal.receivedAt());
            reveals.addBatch();
        }
        if (closure.outcome() != null) {
            addOutcome(outcomes, closure.outcome());
            if (closure.outcome().winner() != null) {
                settlements.setLong(1, closure.outcome().roundId());
                Jdbc.setBlock(settlements, 2, closure.outcome().blockNumber());
                Jdbc.setBytes(settlements, 3, closure.outcome().blockHash());
                settlements.addBatch();
            }
        }
        closes.setString(1, closure.status().column());
        Jdbc.setInstant(closes, 2, closure.closedAt());
        closes.setLong(3, closure.roundId());
        closes.addBatch();
    }

    private static void addOutcome(PreparedStatement s, OutcomeRow o) throws SQLException {
        s.setLong(1, o.roundId());
        Jdbc.setBlock(s, 2, o.blockNumber());
        Jdbc.setBytes(s, 3, o.parentHash());
        Jdbc.setBytes(s, 4, o.payloadId());
        s.setString(5, o.format());
        Jdbc.setBytes(s, 6, o.winner());
        s.setObject(7, o.winningBidId(), Types.OTHER);
        Jdbc.setWei(s, 8, o.bidValue());
        Jdbc.setWei(s, 9, o.price());
        Jdbc.setBytes(s, 10, o.runnerUp());
        s.setObject(11, o.runnerUpBidId(), Types.OTHER);
        Jdbc.setWei(s, 12, o.runnerUpValue());
        s.setInt(13, o.bidCount());
        Jdbc.setBytes(s, 14, o.blockHash());
        Jdbc.setInstant(s, 15, o.closedAt());
        s.addBatch();
    }
}
