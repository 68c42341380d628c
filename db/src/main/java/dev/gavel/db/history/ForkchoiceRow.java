package dev.gavel.db.history;

import dev.gavel.primitives.Hash32;

/** The head and safe head the sequencer chose last (a forkchoice update). */
public record ForkchoiceRow(Hash32 head, Hash32 safe) implements HistoryWrite {}
