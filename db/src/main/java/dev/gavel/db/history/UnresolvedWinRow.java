package dev.gavel.db.history;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;

/**
 * A won block not yet settled, skipped or found not included: its winner still owes its price. {@code state} is
 * its settlement state: "pending", "payable", "submitted" or "quarantined".
 */
public record UnresolvedWinRow(
        long roundId, BlockNumber blockNumber, Hash32 blockHash, Address winner, Wei price, String state) {}
