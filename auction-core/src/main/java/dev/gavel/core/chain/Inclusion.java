package dev.gavel.core.chain;

/** Whether a won block became canonical at its height: only a payable outcome is charged. */
public enum Inclusion {
    PENDING,
    PAYABLE,
    NOT_INCLUDED
}
