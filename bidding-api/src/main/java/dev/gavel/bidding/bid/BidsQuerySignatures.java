package dev.gavel.bidding.bid;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;

/**
 * EIP-712 signatures of {@link BidsQuery} under
 * {@code BidsQuery(address builder,uint64 fromBlock,uint64 toBlock,uint64 expires)} in the Gavel domain. Its type
 * hash is neither a {@code Bid}'s nor a {@code BidHeader}'s, so a query's signature can never pass for either,
 * nor theirs for a query's.
 */
public final class BidsQuerySignatures {
    public static final String TYPE = "BidsQuery(address builder,uint64 fromBlock,uint64 toBlock,uint64 expires)";
    private static final byte[] TYPE_HASH = Hash.sha3(TYPE.getBytes(StandardCharsets.UTF_8));

    private final Hash32 domainSeparator;

    public BidsQuerySignatures(Eip712Domain domain) {
        this.domainSeparator = domain.separator();
    }

    /** keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(query)). */
    public Hash32 digest(BidsQuery query) {
        byte[] encoded = new byte[5 * 32];
        System.arraycopy(TYPE_HASH, 0, encoded, 0, 32);
        AbiWords.putAddress(encoded, 32, query.builder());
        AbiWords.putUint(encoded, 64, BigInteger.valueOf(query.fromBlock().value()));
        AbiWords.putUint(encoded, 96, BigInteger.valueOf(query.toBlock().value()));
        AbiWords.putUint(encoded, 128, BigInteger.valueOf(query.expires()));
        return Eip712Domain.typedDataDigest(domainSeparator, Hash32.of(Hash.sha3(encoded)));
    }

    public BidSignature sign(BidsQuery query, ECKeyPair key) {
        return Secp256k1.sign(digest(query), key);
    }

    public Address recover(BidsQuery query, BidSignature signature) throws InvalidSignatureException {
        return Secp256k1.recover(signature, digest(query));
    }
}
