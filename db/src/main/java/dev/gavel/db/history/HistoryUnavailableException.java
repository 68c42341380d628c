package dev.gavel.db.history;

/** A history write that could not be made durable. */
public final class HistoryUnavailableException extends RuntimeException {
    public HistoryUnavailableException(String message) {
        super(message);
    }

    public HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
