package dev.gavel.settlement.proof;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.web3j.abi.DefaultFunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The contracts live on another chain and trust the auctioned chain's sequencer key (SignedBlockHashSource):
 * each proof is abi.encode(blockHash, signature) over the EIP-712 {@code CanonicalBlock(chainId, blockNumber,
 * blockHash)}. The signatures never expire, so there is no window.
 */
public final class SequencerSignedProofs implements BlockHashProofs {
    private static final Hash32 TYPE_HASH = Hash32.of(Hash.sha3(
            "CanonicalBlock(uint256 chainId,uint64 blockNumber,bytes32 blockHash)".getBytes(StandardCharsets.UTF_8)));

    private final ECKeyPair sequencer;
    private final long auctionedChainId;
    private final Hash32 domainSeparator;

    /** {@code settlementChainId} and {@code source} name the SignedBlockHashSource's EIP-712 domain. */
    public SequencerSignedProofs(ECKeyPair sequencer, long auctionedChainId, long settlementChainId, Address source) {
        this.sequencer = sequencer;
        this.auctionedChainId = auctionedChainId;
        this.domainSeparator = new Eip712Domain("GavelCanonicalBlock", "1", settlementChainId, source).separator();
    }

    /** What the sequencer signs for {@code blockNumber}: the contract's {@code canonicalBlockDigest}. */
    Hash32 digest(BlockNumber blockNumber, Hash32 blockHash) {
        String encoded = new DefaultFunctionEncoder()
                .encodeParameters(List.of(
                        new Bytes32(TYPE_HASH.toArray()),
                        new Uint256(BigInteger.valueOf(auctionedChainId)),
                        new Uint64(BigInteger.valueOf(blockNumber.value())),
                        new Bytes32(blockHash.toArray())));
        return Eip712Domain.typedDataDigest(
                domainSeparator, Hash32.of(Hash.sha3(Numeric.hexStringToByteArray(encoded))));
    }

    @Override
    public Bytes proof(BlockNumber blockNumber, Hash32 blockHash) {
        BidSignature signature =
                BidSignature.of(Sign.signMessage(digest(blockNumber, blockHash).toArray(), sequencer, false));
        return Bytes.of(Numeric.hexStringToByteArray(new DefaultFunctionEncoder()
                .encodeParameters(List.of(new Bytes32(blockHash.toArray()), new DynamicBytes(signature.toArray())))));
    }

    @Override
    public OptionalLong windowBlocks() {
        return OptionalLong.empty();
    }
}
