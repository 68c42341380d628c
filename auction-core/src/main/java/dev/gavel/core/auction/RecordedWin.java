package dev.gavel.core.auction;

import dev.gavel.core.chain.Inclusion;
import dev.gavel.core.chain.WonBlock;

/**
 * A win recorded before a restart and not yet resolved: owed until settled, and watched while its inclusion can
 * still change ({@code submitted}: a settle transaction carries it, so the chain decides it from here).
 */
public record RecordedWin(WonBlock won, Inclusion inclusion, boolean submitted) {}
