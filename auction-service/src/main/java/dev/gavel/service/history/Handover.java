package dev.gavel.service.history;

import dev.gavel.core.auction.Auctioneer;
import dev.gavel.core.auction.RecordedWin;
import dev.gavel.core.chain.ChainHeads;
import dev.gavel.db.history.ForkchoiceRow;
import dev.gavel.db.history.HistoryQueries;
import dev.gavel.db.history.HistoryUnavailableException;
import dev.gavel.db.lease.LeaseRepository;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What passes from one active auctioneer to the next through PostgreSQL: the chain as the active one saw it (a
 * standby follows it), and at a takeover the rounds it left open (aborted: nobody can close them now), where its
 * round ids stand and its won blocks whose inclusion is still to be decided.
 */
public final class Handover {
    private static final Logger log = LoggerFactory.getLogger(Handover.class);
    /** Blocks a standby reads at each heartbeat: far more than a takeover can fall behind. */
    private static final int FOLLOWED_HEADS = 64;

    private final HistoryQueries queries;
    private final JdbcAuctionJournal journal;
    private final long strikeWindowBlocks;
    private final Clock clock;

    public Handover(HistoryQueries queries, JdbcAuctionJournal journal, long strikeWindowBlocks, Clock clock) {
        this.queries = queries;
        this.journal = journal;
        this.strikeWindowBlocks = strikeWindowBlocks;
        this.clock = clock;
    }

    /** Brings the auctioneer's chain up to what the active instance recorded last. */
    public void follow(Auctioneer auctioneer) {
        try {
            List<ChainHeads.Head> declared = queries.recentHeads(FOLLOWED_HEADS).reversed().stream()
                    .map(HistoryRows::head)
                    .toList();
            Optional<ForkchoiceRow> choice = queries.forkchoice();
            auctioneer.follow(declared);
            choice.ifPresent(c -> auctioneer.followChoice(c.head(), c.safe()));
        } catch (SQLException e) {
            throw new HistoryUnavailableException("the chain the active auctioneer recorded cannot be read", e);
        }
    }

    /**
     * Prepares {@code auctioneer} to take rounds under the grant {@code token}: the rounds left open are aborted
     * (fenced with it), round ids continue after the last recorded, and the wins and strikes recorded since this
     * instance started are taken up as a restart takes them up.
     */
    public void takeOver(Auctioneer auctioneer, long token) {
        follow(auctioneer);
        try {
            int aborted = queries.abortOpenRounds(clock.instant(), LeaseRepository.fence(() -> OptionalLong.of(token)));
            auctioneer.continueRoundsAfter(queries.highestRoundId());
            List<RecordedWin> wins = journal.unresolvedWins();
            auctioneer.restore(wins, journal.recentStrikes(strikeWindowBlocks));
            log.info(
                    "taking over at head {}: {} round(s) left open before were aborted, {} unresolved win(s) taken up",
                    auctioneer.heads().latest().map(h -> h.number().value()).orElse(0L),
                    aborted,
                    wins.size());
        } catch (SQLException e) {
            throw new HistoryUnavailableException("the takeover could not be recorded: " + e.getMessage(), e);
        }
    }
}
