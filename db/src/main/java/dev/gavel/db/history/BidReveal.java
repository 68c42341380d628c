package dev.gavel.db.history;

import java.math.BigInteger;
import java.util.UUID;

/** What a sealed bid contained, written when its round closes. */
public record BidReveal(UUID bidId, byte[] digest, byte[] blockHash, BigInteger value, byte[] signature) {}
