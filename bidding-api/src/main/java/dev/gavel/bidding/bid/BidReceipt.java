package dev.gavel.bidding.bid;

import dev.gavel.primitives.Hash32;
import java.time.Instant;

/** The 202 answer to an accepted bid: the bid's id (its EIP-712 digest), given only once it is durable. */
public record BidReceipt(Hash32 bidId, long roundId, Instant receivedAt) {}
