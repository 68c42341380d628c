package dev.gavel.bidding.flashblocks;

/** A frame that is not a signed flashblock; the message says what is wrong in the wire format's terms. */
public final class FlashblockFormatException extends Exception {
    public FlashblockFormatException(String message) {
        super(message);
    }
}
