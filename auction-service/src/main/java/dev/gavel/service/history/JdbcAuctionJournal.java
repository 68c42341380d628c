package dev.gavel.service.history;

import dev.gavel.bidding.round.Outcome;
import dev.gavel.core.admission.Strike;
import dev.gavel.core.auction.AuctionJournal;
import dev.gavel.core.auction.OutcomeHistory;
import dev.gavel.core.auction.RecordedWin;
import dev.gavel.core.chain.ChainHeads;
import dev.gavel.core.chain.Inclusion;
import dev.gavel.core.chain.WonBlock;
import dev.gavel.core.intake.IntakeResult;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundResult;
import dev.gavel.db.history.ForkchoiceRow;
import dev.gavel.db.history.HistoryQueries;
import dev.gavel.db.history.HistoryUnavailableException;
import dev.gavel.db.history.HistoryWriter;
import dev.gavel.db.history.InclusionChange;
import dev.gavel.db.history.StrikeRow;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The auction's journal in PostgreSQL, through the group-commit history writer. */
public final class JdbcAuctionJournal implements AuctionJournal, OutcomeHistory {
    private static final Logger log = LoggerFactory.getLogger(JdbcAuctionJournal.class);

    private final HistoryWriter writer;
    private final HistoryQueries queries;

    public JdbcAuctionJournal(HistoryWriter writer, HistoryQueries queries) {
        this.writer = writer;
        this.queries = queries;
    }

    @Override
    public void roundOpened(Round round) {
        writer.write(HistoryRows.round(round)).exceptionally(failure -> {
            log.error(
                    "round {} (block {}) was not recorded: {}", round.id(), round.blockNumber(), failure.getMessage());
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> bidAccepted(IntakeResult.Accepted accepted) {
        return writer.write(HistoryRows.accepted(accepted));
    }

    /** Records a refused bid of an admitted builder; junk from unauthenticated senders gets no row. */
    @Override
    public void bidRejected(IntakeResult.Rejected rejected) {
        if (rejected.fromAdmittedBuilder()) {
            writer.tryWrite(HistoryRows.rejected(rejected));
        }
    }

    @Override
    public CompletableFuture<Void> roundClosed(RoundResult result) {
        return writer.write(HistoryRows.closure(result));
    }

    @Override
    public void inclusionChanged(long roundId, Inclusion inclusion) {
        writer.write(new InclusionChange(roundId, inclusion.name().toLowerCase(Locale.ROOT)))
                .exceptionally(failure -> {
                    log.error(
                            "inclusion of round {} ({}) was not recorded: {}",
                            roundId,
                            inclusion,
                            failure.getMessage());
                    return null;
                });
    }

    /** Records a declared block with its fee inputs (what a standby needs of it); one known only by hash gets no row. */
    @Override
    public void headDeclared(ChainHeads.Head head) {
        HistoryRows.head(head).ifPresent(writer::tryWrite);
    }

    @Override
    public void headsChosen(Hash32 head, Hash32 safe) {
        writer.tryWrite(new ForkchoiceRow(head, safe));
    }

    @Override
    public void strikeRecorded(Strike strike) {
        writer.write(new StrikeRow(
                        strike.roundId(),
                        strike.builder(),
                        strike.blockNumber(),
                        strike.wonBlockHash(),
                        strike.canonicalBlockHash()))
                .exceptionally(failure -> {
                    log.error(
                            "strike against {} for block {} (round {}) was not recorded: {}",
                            strike.builder(),
                            strike.blockNumber(),
                            strike.roundId(),
                            failure.getMessage());
                    return null;
                });
    }

    /** The wins recorded as still owed, as the auction takes them up again after a restart. */
    public List<RecordedWin> unresolvedWins() {
        try {
            return queries.unresolvedWins().stream()
                    .map(row -> new RecordedWin(
                            new WonBlock(row.roundId(), row.blockNumber(), row.blockHash(), row.winner(), row.price()),
                            row.state().equals("payable") ? Inclusion.PAYABLE : Inclusion.PENDING,
                            !row.state().equals("pending") && !row.state().equals("payable")))
                    .toList();
        } catch (SQLException e) {
            throw new HistoryUnavailableException("the unresolved wins cannot be read", e);
        }
    }

    /** The strikes recorded within {@code windowBlocks} of the latest one. */
    public List<Strike> recentStrikes(long windowBlocks) {
        try {
            return queries.recentStrikes(windowBlocks).stream()
                    .map(row -> new Strike(
                            row.roundId(),
                            row.builder(),
                            row.blockNumber(),
                            row.wonBlockHash(),
                            row.canonicalBlockHash()))
                    .toList();
        } catch (SQLException e) {
            throw new HistoryUnavailableException("the recent strikes cannot be read", e);
        }
    }

    /**
     * Those of {@code roundIds} whose wins were skipped, found not included, or settled in a block of the contracts'
     * chain the escrow balances were read through ({@code seenThrough}): until then the balance still holds the price.
     */
    public List<Long> resolvedAmong(Collection<Long> roundIds, long seenThrough) {
        if (roundIds.isEmpty()) {
            return List.of();
        }
        try {
            return queries.resolvedAmong(roundIds, seenThrough);
        } catch (SQLException e) {
            throw new HistoryUnavailableException("the settlement states cannot be read", e);
        }
    }

    /** The highest round id recorded: the start-up floor of new round ids. */
    public long highestRecordedRoundId() {
        try {
            return queries.highestRoundId();
        } catch (SQLException e) {
            throw new HistoryUnavailableException("the highest recorded round id cannot be read", e);
        }
    }

    @Override
    public List<Outcome> outcomesFrom(BlockNumber fromBlock, long afterRoundId, int limit) {
        try {
            return queries.outcomesFrom(fromBlock, afterRoundId, limit).stream()
                    .map(HistoryRows::outcome)
                    .toList();
        } catch (SQLException e) {
            throw new HistoryUnavailableException("the outcomes cannot be read", e);
        }
    }
}
