package dev.gavel.bidding.rlp;

/** Bytes that are not canonical RLP, with where and why. */
public final class RlpException extends RuntimeException {
    public RlpException(String message) {
        super(message);
    }
}
