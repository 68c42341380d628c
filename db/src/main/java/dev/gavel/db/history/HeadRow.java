package dev.gavel.db.history;

import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;

/** A block the sequencer declared (engine_newPayload), with the header fields its child's base fee follows from. */
public record HeadRow(
        Hash32 blockHash,
        BlockNumber blockNumber,
        Hash32 parentHash,
        long timestamp,
        Quantity gasLimit,
        Quantity gasUsed,
        Wei baseFee,
        Bytes extraData)
        implements HistoryWrite {}
