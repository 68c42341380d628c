package dev.gavel.bidding.bid;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.gavel.bidding.primitives.ByteValue;
import dev.gavel.bidding.primitives.Hex;

/** A secp256k1 signature as Ethereum writes it: r (32) ‖ s (32) ‖ v (1, 27 or 28). */
public final class BidSignature extends ByteValue {
    public static final int LENGTH = 65;

    private BidSignature(byte[] bytes) {
        super(bytes, LENGTH, "a signature");
    }

    public static BidSignature of(byte[] bytes) {
        return new BidSignature(bytes);
    }

    @JsonCreator
    public static BidSignature fromHex(String hex) {
        return new BidSignature(Hex.decode(hex));
    }
}
