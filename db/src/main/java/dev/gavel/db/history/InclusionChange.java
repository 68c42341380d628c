package dev.gavel.db.history;

/** A won block's inclusion decided or revised: state "pending", "payable" or "not_included". */
public record InclusionChange(long roundId, String state) implements HistoryWrite {}
