package dev.gavel.bidding.bid;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.gavel.primitives.ByteValue;
import dev.gavel.primitives.Hex;
import org.web3j.crypto.Sign;

/** A secp256k1 signature as Ethereum writes it: r (32) ‖ s (32) ‖ v (1, 27 or 28). */
public final class BidSignature extends ByteValue {
    public static final int LENGTH = 65;

    private BidSignature(byte[] bytes) {
        super(bytes, LENGTH, "a signature");
    }

    public static BidSignature of(byte[] bytes) {
        return new BidSignature(bytes);
    }

    /** web3j's signature as Ethereum writes it: r ‖ s ‖ v. */
    public static BidSignature of(Sign.SignatureData signature) {
        byte[] bytes = new byte[LENGTH];
        System.arraycopy(signature.getR(), 0, bytes, 0, 32);
        System.arraycopy(signature.getS(), 0, bytes, 32, 32);
        bytes[64] = signature.getV()[0];
        return new BidSignature(bytes);
    }

    @JsonCreator
    public static BidSignature fromHex(String hex) {
        return new BidSignature(Hex.decode(hex));
    }
}
