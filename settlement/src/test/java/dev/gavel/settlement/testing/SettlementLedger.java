package dev.gavel.settlement.testing;

import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.util.List;

/** What a settlement store holds, read back so that one test can assert the same things of either store. */
public interface SettlementLedger {
    /** {@code round:state:price:charged} of every won block, by round ({@code -} where there is none). */
    List<String> states() throws Exception;

    /** {@code round:reason} of every won block with a skip or quarantine reason, by round. */
    List<String> reasons() throws Exception;

    /** Every batch, by id. */
    List<Batch> batches() throws Exception;

    /** Every transaction signed for a batch, oldest first. */
    List<Attempt> attempts() throws Exception;

    /** A batch and how it ended (the receipt's fields are null until it did). */
    record Batch(long batchId, String state, int items, Hash32 txHash, Long gasUsed, Wei feePaid) {}

    /** A signed transaction: its hash and the most it offered per gas. */
    record Attempt(Hash32 txHash, Wei maxFeePerGas) {}
}
