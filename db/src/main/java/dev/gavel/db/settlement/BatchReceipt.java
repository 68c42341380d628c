package dev.gavel.db.settlement;

import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;

/** The mined transaction that ended a batch: where it landed (a block of the settlement chain) and what it cost. */
public record BatchReceipt(Hash32 txHash, BlockNumber minedBlock, long gasUsed, Wei feePaid) {}
