package dev.gavel.settlement.batch;

import dev.gavel.db.settlement.Backlog;
import dev.gavel.db.settlement.InFlightBatch;
import dev.gavel.db.settlement.ItemResult;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Wei;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One settler pass, for metrics and for the auction's collateral: the backlog after it, how many blocks the oldest
 * owed outcome has left in the block-hash window (empty when unlimited or nothing is owed), how long each outcome
 * settled in this pass took from its round's close, the batch that ended confirmed in this pass (if one did) and
 * how many outcomes were quarantined, and what the settler's account held for fees at the end of the pass.
 */
public record SettlementReport(
        Backlog backlog,
        OptionalLong windowBlocksLeft,
        List<Duration> settlementLatencies,
        Optional<EndedBatch> ended,
        int quarantined,
        Wei settlerBalance) {
    public SettlementReport {
        settlementLatencies = List.copyOf(settlementLatencies);
    }

    /** Outcomes the contract skipped in this pass. */
    public int skipped() {
        return ended.map(batch -> (int) batch.results().stream()
                        .filter(result -> !result.settled())
                        .count())
                .orElse(0);
    }

    /**
     * A batch confirmed in this pass: the contract's verdict on each outcome, and the settlement-chain block its
     * transaction was mined in (a mirror of the escrow shows the charges from that block on).
     */
    public record EndedBatch(InFlightBatch batch, BlockNumber minedBlock, List<ItemResult> results) {
        public EndedBatch {
            results = List.copyOf(results);
        }
    }
}
