package dev.gavel.db.history;

/** One write to the history, in the order the auction made it. */
public sealed interface HistoryWrite
        permits RoundRow, BidRow, RoundClosure, InclusionChange, StrikeRow, HeadRow, ForkchoiceRow {}
