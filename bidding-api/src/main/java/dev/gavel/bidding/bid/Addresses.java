package dev.gavel.bidding.bid;

import dev.gavel.primitives.Address;
import java.math.BigInteger;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/** The address of a secp256k1 key, as the chain derives it (the last 20 bytes of keccak256 of the public key). */
public final class Addresses {
    private Addresses() {}

    public static Address of(ECKeyPair key) {
        return of(key.getPublicKey());
    }

    public static Address of(BigInteger publicKey) {
        // web3j writes the address without the 0x that Address insists on
        return Address.fromHex("0x" + Keys.getAddress(publicKey));
    }
}
