package dev.gavel.attestation.source;

/** The collateral store cannot be read or written. */
public final class CollateralStoreException extends RuntimeException {
    public CollateralStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
