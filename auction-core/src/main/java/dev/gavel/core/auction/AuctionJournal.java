package dev.gavel.core.auction;

import dev.gavel.core.admission.Strike;
import dev.gavel.core.chain.Inclusion;
import dev.gavel.core.intake.IntakeResult;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundResult;
import java.util.concurrent.CompletableFuture;

/**
 * Where the auction's history goes (PostgreSQL in the service). Writes keep their order: a round before
 * its bids, its bids before its outcome. Futures complete once the write is durable.
 */
public interface AuctionJournal {
    void roundOpened(Round round);

    /** Completes when the sealed bid is durable; only then may it be acknowledged. */
    CompletableFuture<Void> bidAccepted(IntakeResult.Accepted accepted);

    /**
     * Best effort: under overload a rejection record may be dropped, never an accepted bid. Only a refused bid
     * {@code fromAdmittedBuilder} is worth a row; junk from unauthenticated senders is only counted.
     */
    void bidRejected(IntakeResult.Rejected rejected);

    /** Reveals the round's bids and records its outcome. */
    CompletableFuture<Void> roundClosed(RoundResult result);

    /** A won block became canonical (payable) or was replaced (not included), or a reorg undid that. */
    void inclusionChanged(long roundId, Inclusion inclusion);

    /** A winner's block did not become canonical: the strike is kept with the block (best effort, as inclusion). */
    void strikeRecorded(Strike strike);
}
