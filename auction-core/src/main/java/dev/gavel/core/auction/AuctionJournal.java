package dev.gavel.core.auction;

import dev.gavel.core.admission.Strike;
import dev.gavel.core.chain.ChainHeads;
import dev.gavel.core.chain.Inclusion;
import dev.gavel.core.intake.IntakeResult;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundResult;
import dev.gavel.primitives.Hash32;
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

    /** Best effort: a block the sequencer declared, so that a standby knows it when it takes over. */
    void headDeclared(ChainHeads.Head head);

    /** Best effort: the head and safe head the sequencer chose, for a standby as {@link #headDeclared}. */
    void headsChosen(Hash32 head, Hash32 safe);

    /** A winner's block did not become canonical: the strike is kept with the block (best effort, as inclusion). */
    void strikeRecorded(Strike strike);
}
