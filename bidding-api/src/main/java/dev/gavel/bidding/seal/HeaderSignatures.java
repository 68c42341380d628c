package dev.gavel.bidding.seal;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.InvalidSignatureException;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak256;
import org.web3j.crypto.ECKeyPair;

/**
 * The builder's EIP-712 signature over a sealed bid's header, {@code BidHeader(bytes header)} in the Gavel
 * domain. Its type hash is not a {@code Bid}'s, so a header signature can never pass for a signed bid, nor
 * the reverse.
 */
public final class HeaderSignatures {
    public static final String TYPE = "BidHeader(bytes header)";
    private static final byte[] TYPE_HASH = Keccak256.hash(TYPE.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final Hash32 domainSeparator;

    public HeaderSignatures(Eip712Domain domain) {
        this.domainSeparator = domain.separator();
    }

    /** keccak256(0x1901 ‖ domainSeparator ‖ keccak256(typeHash ‖ keccak256(header))). */
    public Hash32 digest(byte[] header) {
        byte[] encoded = new byte[64];
        System.arraycopy(TYPE_HASH, 0, encoded, 0, 32);
        System.arraycopy(Keccak256.hash(header), 0, encoded, 32, 32);
        return Eip712Domain.typedDataDigest(domainSeparator, Hash32.of(Keccak256.hash(encoded)));
    }

    public BidSignature sign(byte[] header, ECKeyPair key) {
        return Secp256k1.sign(digest(header), key);
    }

    public Address recover(byte[] header, BidSignature signature) throws InvalidSignatureException {
        return Secp256k1.recover(signature, digest(header));
    }
}
