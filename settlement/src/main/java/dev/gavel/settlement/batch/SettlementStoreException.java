package dev.gavel.settlement.batch;

/** The settlement store could not be read or written; the pass that met it is retried at the next. */
public final class SettlementStoreException extends RuntimeException {
    public SettlementStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
