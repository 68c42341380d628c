package dev.gavel.bidding.channel;

import dev.gavel.bidding.bid.AbiWords;
import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.InvalidSignatureException;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import java.math.BigInteger;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;

/**
 * The builder's EIP-712 answer to a {@link ChannelChallenge}:
 * {@code ChannelLogin(bytes32 nonce,uint64 issuedAt,uint32 auctionKeyId,address builder)} in the Gavel domain.
 * Its type hash is neither a {@code Bid}'s nor a {@code BidHeader}'s, so a login can never pass for a bid or a
 * bid header, nor the reverse; the nonce is the connection's own, so a login is good for one connection.
 */
public final class ChannelLogins {
    public static final String TYPE = "ChannelLogin(bytes32 nonce,uint64 issuedAt,uint32 auctionKeyId,address builder)";
    private static final byte[] TYPE_HASH = Eip712Domain.keccak(TYPE);

    private final Hash32 domainSeparator;

    public ChannelLogins(Eip712Domain domain) {
        this.domainSeparator = domain.separator();
    }

    /** keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(login)). */
    public Hash32 digest(ChannelChallenge challenge, Address builder) {
        byte[] encoded = new byte[5 * 32];
        System.arraycopy(TYPE_HASH, 0, encoded, 0, 32);
        challenge.nonce().copyTo(encoded, 32);
        AbiWords.putUint(encoded, 64, BigInteger.valueOf(challenge.issuedAt()));
        AbiWords.putUint(encoded, 96, BigInteger.valueOf(challenge.auctionKeyId()));
        AbiWords.putAddress(encoded, 128, builder);
        return Eip712Domain.typedDataDigest(domainSeparator, Hash32.of(Hash.sha3(encoded)));
    }

    public BidSignature sign(ChannelChallenge challenge, Address builder, ECKeyPair key) {
        return Secp256k1.sign(digest(challenge, builder), key);
    }

    /** Whether {@code signature} is {@code builder}'s answer to {@code challenge}. */
    public boolean signedBy(ChannelChallenge challenge, Address builder, BidSignature signature) {
        try {
            return Secp256k1.recover(signature, digest(challenge, builder)).equals(builder);
        } catch (InvalidSignatureException e) {
            return false;
        }
    }
}
