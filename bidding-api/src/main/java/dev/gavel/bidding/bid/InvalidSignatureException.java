package dev.gavel.bidding.bid;

/** A signature that is malformed, non-canonical (high s) or recovers no key. */
public final class InvalidSignatureException extends Exception {
    public InvalidSignatureException(String message) {
        super(message);
    }
}
