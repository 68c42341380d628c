package dev.gavel.core.lease;

/** The lease's store could not be reached; the lease stands as it was, and the next heartbeat tries again. */
public final class LeaseStoreException extends RuntimeException {
    public LeaseStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
