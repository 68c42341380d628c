package dev.gavel.bidding.bid;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak256;
import java.math.BigInteger;
import org.web3j.crypto.ECKeyPair;

/**
 * EIP-712 hashing, signing and recovery of {@link Bid}s under
 * {@code Bid(uint64 blockNumber,bytes32 parentHash,bytes32 blockHash,uint256 value,address builder)}.
 */
public final class BidSignatures {
    public static final String BID_TYPE =
            "Bid(uint64 blockNumber,bytes32 parentHash,bytes32 blockHash,uint256 value,address builder)";
    private static final byte[] BID_TYPE_HASH = Eip712Domain.keccak(BID_TYPE);

    private final Hash32 domainSeparator;

    public BidSignatures(Eip712Domain domain) {
        this.domainSeparator = domain.separator();
    }

    /** hashStruct(bid). */
    private static Hash32 structHash(Bid bid) {
        byte[] encoded = new byte[6 * 32];
        System.arraycopy(BID_TYPE_HASH, 0, encoded, 0, 32);
        AbiWords.putUint(encoded, 32, BigInteger.valueOf(bid.blockNumber().value()));
        bid.parentHash().copyTo(encoded, 64);
        bid.blockHash().copyTo(encoded, 96);
        AbiWords.putUint(encoded, 128, bid.value().amount());
        AbiWords.putAddress(encoded, 160, bid.builder());
        return Hash32.of(Keccak256.hash(encoded));
    }

    /** keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(bid)): what the builder signs. */
    public Hash32 digest(Bid bid) {
        return Eip712Domain.typedDataDigest(domainSeparator, structHash(bid));
    }

    public SignedBid sign(Bid bid, ECKeyPair key) {
        return new SignedBid(bid, Secp256k1.sign(digest(bid), key));
    }

    /** The address whose key made {@code signed.signature()} over the bid's digest. */
    public Address recover(SignedBid signed) throws InvalidSignatureException {
        return recover(signed, digest(signed.bid()));
    }

    /** As {@link #recover(SignedBid)}, for a caller that already holds the bid's digest. */
    public Address recover(SignedBid signed, Hash32 digest) throws InvalidSignatureException {
        return Secp256k1.recover(signed.signature(), digest);
    }
}
