package dev.gavel.db.history;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;

/** A won block that did not become canonical: its winner and height, its hash and the safe chain's block there. */
public record StrikeRow(
        long roundId, Address builder, BlockNumber blockNumber, Hash32 wonBlockHash, Hash32 canonicalBlockHash)
        implements HistoryWrite {}
