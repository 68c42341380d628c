package dev.gavel.settlement.mirror;

/** The mirror's store could not be read or written (the database is down, say); the mirror keeps its view. */
public final class MirrorStoreException extends RuntimeException {
    public MirrorStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
