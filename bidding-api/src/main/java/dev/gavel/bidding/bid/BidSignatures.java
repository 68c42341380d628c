package dev.gavel.bidding.bid;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;

/**
 * EIP-712 hashing, signing and recovery of {@link Bid}s under
 * {@code Bid(uint64 blockNumber,bytes32 parentHash,bytes32 blockHash,uint256 value,address builder)}.
 * Recovery refuses what OpenZeppelin's ECDSA refuses onchain: high s, v other than 27/28, r or s out of range.
 */
public final class BidSignatures {
    public static final String BID_TYPE =
            "Bid(uint64 blockNumber,bytes32 parentHash,bytes32 blockHash,uint256 value,address builder)";
    private static final byte[] BID_TYPE_HASH = Eip712Domain.keccak(BID_TYPE);
    private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();
    private static final BigInteger HALF_CURVE_ORDER = CURVE_ORDER.shiftRight(1);

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
        return Hash32.of(Hash.sha3(encoded));
    }

    /** keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(bid)): what the builder signs. */
    public Hash32 digest(Bid bid) {
        return Eip712Domain.typedDataDigest(domainSeparator, structHash(bid));
    }

    public SignedBid sign(Bid bid, ECKeyPair key) {
        return new SignedBid(bid, BidSignature.of(Sign.signMessage(digest(bid).toArray(), key, false)));
    }

    /** The address whose key made {@code signed.signature()} over the bid's digest. */
    public Address recover(SignedBid signed) throws InvalidSignatureException {
        return recover(signed, digest(signed.bid()));
    }

    /** As {@link #recover(SignedBid)}, for a caller that already holds the bid's digest. */
    public Address recover(SignedBid signed, Hash32 digest) throws InvalidSignatureException {
        byte[] bytes = signed.signature().toArray();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64));
        int v = bytes[64] & 0xff;
        if (v != 27 && v != 28) {
            throw new InvalidSignatureException("signature v must be 27 or 28, got " + v);
        }
        if (r.signum() == 0 || r.compareTo(CURVE_ORDER) >= 0 || s.signum() == 0) {
            throw new InvalidSignatureException("signature r or s is out of range");
        }
        if (s.compareTo(HALF_CURVE_ORDER) > 0) {
            throw new InvalidSignatureException("signature s is in the upper half of the curve order (malleable)");
        }
        BigInteger publicKey = Sign.recoverFromSignature(v - 27, new ECDSASignature(r, s), digest.toArray());
        if (publicKey == null) {
            throw new InvalidSignatureException("signature recovers no public key");
        }
        return Addresses.of(publicKey);
    }
}
