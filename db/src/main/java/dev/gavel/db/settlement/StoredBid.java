package dev.gavel.db.settlement;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;

/** A revealed bid as the history holds it: the fields the settlement contract re-checks, and the signature. */
public record StoredBid(
        BlockNumber blockNumber, Hash32 parentHash, Hash32 blockHash, Wei value, Address builder, Bytes signature) {}
