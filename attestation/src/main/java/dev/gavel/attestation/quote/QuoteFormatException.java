package dev.gavel.attestation.quote;

/** Bytes that are not a TDX quote, with the offset and the reason. */
public final class QuoteFormatException extends Exception {
    public QuoteFormatException(String message) {
        super(message);
    }
}
