package dev.gavel.db.history;

import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;

/** A won block whose inclusion may still change (state "pending", "payable" or "not_included"): not yet submitted for settlement. */
public record UnresolvedWin(long roundId, BlockNumber blockNumber, Hash32 blockHash, String state) {}
