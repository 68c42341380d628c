package dev.gavel.bidding.bid;

/** The 4xx/5xx answer to a refused bid: a stable code and a message for people. */
public record BidError(RejectionCode code, String message) {}
