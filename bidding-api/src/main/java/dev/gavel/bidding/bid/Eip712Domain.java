package dev.gavel.bidding.bid;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** The EIP-712 domain of Gavel bids: name "Gavel", version "1", the chain and the settlement contract. */
public record Eip712Domain(String name, String version, long chainId, Address verifyingContract) {
    public static final String NAME = "Gavel";
    public static final String VERSION = "1";
    static final byte[] TYPE_HASH =
            keccak("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    public static Eip712Domain gavel(long chainId, Address verifyingContract) {
        return new Eip712Domain(NAME, VERSION, chainId, verifyingContract);
    }

    /** hashStruct(domain), the domain separator. */
    public Hash32 separator() {
        byte[] encoded = new byte[5 * 32];
        System.arraycopy(TYPE_HASH, 0, encoded, 0, 32);
        System.arraycopy(keccak(name), 0, encoded, 32, 32);
        System.arraycopy(keccak(version), 0, encoded, 64, 32);
        AbiWords.putUint(encoded, 96, BigInteger.valueOf(chainId));
        AbiWords.putAddress(encoded, 128, verifyingContract);
        return Hash32.of(Keccak256.hash(encoded));
    }

    /** keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message)): what EIP-712 signs. */
    public static Hash32 typedDataDigest(Hash32 domainSeparator, Hash32 structHash) {
        byte[] message = new byte[2 + 32 + 32];
        message[0] = 0x19;
        message[1] = 0x01;
        domainSeparator.copyTo(message, 2);
        structHash.copyTo(message, 34);
        return Hash32.of(Keccak256.hash(message));
    }

    public static byte[] keccak(String text) {
        return Keccak256.hash(text.getBytes(StandardCharsets.UTF_8));
    }
}
