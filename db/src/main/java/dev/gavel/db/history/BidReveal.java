package dev.gavel.db.history;

import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.util.UUID;

/** What a sealed bid contained, written when its round closes. */
public record BidReveal(UUID bidId, Hash32 digest, Hash32 blockHash, Wei value, Bytes signature) {}
