package dev.gavel.db.settlement;

import java.math.BigInteger;

/** The mined transaction that ended a batch: where it landed and what it cost. */
public record BatchReceipt(byte[] txHash, long minedBlock, long gasUsed, BigInteger feePaid) {}
