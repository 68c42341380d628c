package dev.gavel.bidding.seal;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.primitives.Bytes;
import java.util.Objects;

/**
 * What a builder submits: the clear {@link BidHeader} (as its 110 encoded bytes), the builder's signature over
 * it, and the HPKE ciphertext of the signed bid and its payload, sealed to the auction key the header names
 * with the header as associated data. Intake authenticates the header before it opens anything; the value
 * and the payload stay sealed until the round closes.
 */
public record SealedBid(Bytes header, BidSignature headerSignature, Bytes ciphertext) {
    public SealedBid {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(headerSignature, "headerSignature");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }
}
