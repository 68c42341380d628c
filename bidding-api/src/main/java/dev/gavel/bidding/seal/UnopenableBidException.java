package dev.gavel.bidding.seal;

/** A sealed bid that cannot be opened: wrong key id, malformed encapsulation or a failed AEAD tag. */
public final class UnopenableBidException extends Exception {
    public UnopenableBidException(String message) {
        super(message);
    }
}
