package dev.gavel.bidding.flashblocks;

import dev.gavel.bidding.bid.AbiWords;
import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.InvalidSignatureException;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak256;
import java.math.BigInteger;
import org.web3j.crypto.ECKeyPair;

/**
 * EIP-712 hashing, signing and recovery of {@link SlotBid}s under
 * {@code SlotBid(uint64 blockNumber,bytes32 parentHash,uint256 value,address builder)}, the type the settlement
 * contract's {@code settleSlots} checks. Its type hash is not a {@code Bid}'s: a slot bid can never be charged as
 * a bid on a built block, nor the reverse.
 */
public final class SlotBidSignatures {
    public static final String TYPE = "SlotBid(uint64 blockNumber,bytes32 parentHash,uint256 value,address builder)";
    private static final byte[] TYPE_HASH = Eip712Domain.keccak(TYPE);

    private final Hash32 domainSeparator;

    public SlotBidSignatures(Eip712Domain domain) {
        this.domainSeparator = domain.separator();
    }

    /** keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(bid)): what the builder signs. */
    public Hash32 digest(SlotBid bid) {
        byte[] encoded = new byte[5 * 32];
        System.arraycopy(TYPE_HASH, 0, encoded, 0, 32);
        AbiWords.putUint(encoded, 32, BigInteger.valueOf(bid.blockNumber().value()));
        bid.parentHash().copyTo(encoded, 64);
        AbiWords.putUint(encoded, 96, bid.value().amount());
        AbiWords.putAddress(encoded, 128, bid.builder());
        return Eip712Domain.typedDataDigest(domainSeparator, Hash32.of(Keccak256.hash(encoded)));
    }

    public BidSignature sign(SlotBid bid, ECKeyPair key) {
        return Secp256k1.sign(digest(bid), key);
    }

    public Address recover(SlotBid bid, BidSignature signature) throws InvalidSignatureException {
        return Secp256k1.recover(signature, digest(bid));
    }
}
