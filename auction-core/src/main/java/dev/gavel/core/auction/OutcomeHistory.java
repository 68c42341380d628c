package dev.gavel.core.auction;

import dev.gavel.bidding.round.Outcome;
import dev.gavel.primitives.BlockNumber;
import java.util.List;

/** The outcomes recorded so far (PostgreSQL in the service), for subscribers that resume from a block. */
public interface OutcomeHistory {
    /**
     * Up to {@code limit} recorded outcomes of blocks at or after {@code fromBlock} with a round id above
     * {@code afterRoundId}, in round-id order: a page of a replay that continues after its last round id.
     */
    List<Outcome> outcomesFrom(BlockNumber fromBlock, long afterRoundId, int limit);
}
