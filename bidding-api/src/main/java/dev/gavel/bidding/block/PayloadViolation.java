package dev.gavel.bidding.block;

import dev.gavel.bidding.bid.RejectionCode;

/** One way a payload breaks the rules of its round, with the values that break it. */
public record PayloadViolation(RejectionCode code, String message) {}
