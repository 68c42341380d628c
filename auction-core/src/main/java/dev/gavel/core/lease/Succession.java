package dev.gavel.core.lease;

/** What an instance does when the lease makes it the active auctioneer, and when it learns that it no longer is. */
public interface Succession {
    /**
     * Called with the lease just granted, before the instance counts as active: prepares it to take rounds (the
     * writes it makes are fenced with {@code token}). A failure gives the lease up again.
     */
    void takeOver(long token);

    /** The lease went to another instance while this one held it: whatever it still holds in memory is stale. */
    void deposed();
}
