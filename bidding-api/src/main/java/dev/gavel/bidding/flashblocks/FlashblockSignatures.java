package dev.gavel.bidding.flashblocks;

import dev.gavel.bidding.bid.AbiWords;
import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.InvalidSignatureException;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak256;
import dev.gavel.primitives.PayloadId;
import java.math.BigInteger;
import org.web3j.crypto.ECKeyPair;

/**
 * The winner's EIP-712 signature over each flashblock it streams,
 * {@code Flashblock(bytes8 payloadId,uint64 index,bytes flashblock)} in the Gavel domain, where
 * {@code flashblock} is the exact JSON text relayed. Two such signatures by one builder for one payload id and
 * index over different text prove that it promised the chain's users two different blocks; the type hash is
 * neither a bid's, a bid header's nor a channel login's, so none of those can pass for one.
 */
public final class FlashblockSignatures {
    public static final String TYPE = "Flashblock(bytes8 payloadId,uint64 index,bytes flashblock)";
    private static final byte[] TYPE_HASH = Eip712Domain.keccak(TYPE);

    private final Hash32 domainSeparator;

    public FlashblockSignatures(Eip712Domain domain) {
        this.domainSeparator = domain.separator();
    }

    /** keccak256(0x1901 ‖ domainSeparator ‖ keccak256(typeHash ‖ payloadId ‖ index ‖ keccak256(json))). */
    public Hash32 digest(PayloadId payloadId, long index, byte[] json) {
        byte[] encoded = new byte[4 * 32];
        System.arraycopy(TYPE_HASH, 0, encoded, 0, 32);
        payloadId.copyTo(encoded, 32); // bytes8: left-aligned in its word
        AbiWords.putUint(encoded, 64, BigInteger.valueOf(index));
        System.arraycopy(Keccak256.hash(json), 0, encoded, 96, 32);
        return Eip712Domain.typedDataDigest(domainSeparator, Hash32.of(Keccak256.hash(encoded)));
    }

    public BidSignature sign(PayloadId payloadId, long index, byte[] json, ECKeyPair key) {
        return Secp256k1.sign(digest(payloadId, index, json), key);
    }

    public Address recover(SignedFlashblock signed) throws InvalidSignatureException {
        Flashblock flashblock = signed.flashblock();
        return Secp256k1.recover(signed.signature(), digest(flashblock.payloadId(), flashblock.index(), signed.json()));
    }
}
