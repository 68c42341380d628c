package dev.gavel.db.settlement;

import java.math.BigInteger;

/** A revealed bid as the history holds it: the fields the settlement contract re-checks, and the signature. */
public record StoredBid(
        long blockNumber, byte[] parentHash, byte[] blockHash, BigInteger value, byte[] builder, byte[] signature) {}
