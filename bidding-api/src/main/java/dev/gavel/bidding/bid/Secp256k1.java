package dev.gavel.bidding.bid;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak256;
import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Signing a 32-byte digest with a builder's key and recovering the signer, as Ethereum does. Recovery
 * refuses what OpenZeppelin's ECDSA refuses onchain: high s, v other than 27/28, r or s out of range; then
 * asks {@link KeyRecovery#fastest()}.
 */
public final class Secp256k1 {
    private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();
    private static final BigInteger HALF_CURVE_ORDER = CURVE_ORDER.shiftRight(1);
    private static final int PUBLIC_KEY_BYTES = 64;

    private Secp256k1() {}

    public static BidSignature sign(Hash32 digest, ECKeyPair key) {
        return BidSignature.of(Sign.signMessage(digest.toArray(), key, false));
    }

    /** The address whose key made {@code signature} over {@code digest}. */
    public static Address recover(BidSignature signature, Hash32 digest) throws InvalidSignatureException {
        return recover(signature, digest, KeyRecovery.fastest());
    }

    /** As {@link #recover(BidSignature, Hash32)}, with the given recovery (to compare implementations). */
    public static Address recover(BidSignature signature, Hash32 digest, KeyRecovery recovery)
            throws InvalidSignatureException {
        byte[] bytes = signature.toArray();
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
        byte[] publicKey = recovery.recover(Arrays.copyOf(bytes, 64), v - 27, digest.toArray());
        if (publicKey == null) {
            throw new InvalidSignatureException("signature recovers no public key");
        }
        return address(publicKey);
    }

    /** The Ethereum address of a key. */
    public static Address address(ECKeyPair key) {
        return address(Numeric.toBytesPadded(key.getPublicKey(), PUBLIC_KEY_BYTES));
    }

    /** The last 20 bytes of keccak256(x ‖ y). */
    private static Address address(byte[] publicKey) {
        return Address.of(Arrays.copyOfRange(Keccak256.hash(publicKey), 12, 32));
    }
}
