package dev.gavel.settlement.batch;

import dev.gavel.db.settlement.Backlog;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * One settler pass, for metrics: the backlog after it, how many blocks the oldest owed outcome has left in the
 * block-hash window (empty when unlimited or nothing is owed), and how long each outcome settled in this pass
 * took from its round's close.
 */
public record SettlementReport(
        Backlog backlog, OptionalLong windowBlocksLeft, List<Duration> settlementLatencies, int skipped) {
    public SettlementReport {
        settlementLatencies = List.copyOf(settlementLatencies);
    }
}
