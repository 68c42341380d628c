package dev.gavel.bidding.flashblocks;

import dev.gavel.bidding.bid.AbiWords;
import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.InvalidSignatureException;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak256;
import dev.gavel.primitives.PayloadId;
import java.math.BigInteger;
import org.web3j.crypto.ECKeyPair;

/**
 * The winner's EIP-712 signature over each flashblock it streams,
 * {@code Flashblock(uint64 blockNumber,bytes8 payloadId,uint64 index,bytes32 blockHash,bytes flashblock)} in the
 * Gavel domain, where {@code flashblock} is the exact JSON text relayed and {@code blockHash} its diff's block
 * hash. Two such signatures by one builder for one block, payload id and index over different text prove
 * that it promised the chain's users two different blocks; the block number and hash are in the clear so that
 * the settlement contract can tell, without reading JSON, whether the last flashblock's block became
 * canonical. The type hash is neither a bid's, a bid header's nor a channel login's.
 */
public final class FlashblockSignatures {
    public static final String TYPE =
            "Flashblock(uint64 blockNumber,bytes8 payloadId,uint64 index,bytes32 blockHash,bytes flashblock)";
    private static final byte[] TYPE_HASH = Eip712Domain.keccak(TYPE);

    private final Hash32 domainSeparator;

    public FlashblockSignatures(Eip712Domain domain) {
        this.domainSeparator = domain.separator();
    }

    /** keccak256(0x1901 ‖ domainSeparator ‖ keccak256(typeHash ‖ blockNumber ‖ payloadId ‖ index ‖ blockHash ‖ keccak256(json))). */
    public Hash32 digest(BlockNumber blockNumber, PayloadId payloadId, long index, Hash32 blockHash, byte[] json) {
        byte[] encoded = new byte[6 * 32];
        System.arraycopy(TYPE_HASH, 0, encoded, 0, 32);
        AbiWords.putUint(encoded, 32, BigInteger.valueOf(blockNumber.value()));
        payloadId.copyTo(encoded, 64); // bytes8: left-aligned in its word
        AbiWords.putUint(encoded, 96, BigInteger.valueOf(index));
        blockHash.copyTo(encoded, 128);
        System.arraycopy(Keccak256.hash(json), 0, encoded, 160, 32);
        return Eip712Domain.typedDataDigest(domainSeparator, Hash32.of(Keccak256.hash(encoded)));
    }

    /** The digest of {@code flashblock} (its JSON text {@code json}) as a flashblock of block {@code blockNumber}. */
    public Hash32 digest(BlockNumber blockNumber, Flashblock flashblock, byte[] json) {
        return digest(
                blockNumber,
                flashblock.payloadId(),
                flashblock.index(),
                flashblock.diff().blockHash(),
                json);
    }

    public BidSignature sign(BlockNumber blockNumber, Flashblock flashblock, byte[] json, ECKeyPair key) {
        return Secp256k1.sign(digest(blockNumber, flashblock, json), key);
    }

    /** Who signed {@code signed} as a flashblock of block {@code blockNumber}. */
    public Address recover(SignedFlashblock signed, BlockNumber blockNumber) throws InvalidSignatureException {
        return Secp256k1.recover(signed.signature(), digest(blockNumber, signed.flashblock(), signed.json()));
    }
}
