package dev.gavel.bidding.bid;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Recovering the secp256k1 public key that made a signature over a digest: with libsecp256k1 (bitcoin-core's
 * library, through ACINQ's JNI binding, ≈ 3× faster) where its native library loads, else in pure Java (web3j
 * on Bouncy Castle). {@link #fastest()} is the one signature checks use; a property test holds both to the
 * same answers. The caller has already refused out-of-range or malleable signatures.
 */
public sealed interface KeyRecovery {
    /**
     * The uncompressed public key x ‖ y (64 bytes) whose key signed {@code digest} as {@code rs} (r ‖ s, 64 bytes)
     * with recovery id {@code recoveryId} (0 or 1); null when no key recovers.
     */
    byte[] recover(byte[] rs, int recoveryId, byte[] digest);

    /** What it runs on, for reports. */
    String name();

    /** libsecp256k1 where it loads on this platform, else pure Java. */
    static KeyRecovery fastest() {
        return Fastest.CHOSEN;
    }

    /** libsecp256k1, or empty where its native library does not load. */
    static Optional<KeyRecovery> libsecp256k1() {
        return Optional.ofNullable(Fastest.NATIVE);
    }

    static KeyRecovery pureJava() {
        return PureJava.INSTANCE;
    }

    /** libsecp256k1's secp256k1_ecdsa_recover. */
    final class Native implements KeyRecovery {
        private final fr.acinq.secp256k1.Secp256k1 library;

        private Native(fr.acinq.secp256k1.Secp256k1 library) {
            this.library = library;
        }

        @Override
        public byte[] recover(byte[] rs, int recoveryId, byte[] digest) {
            try {
                byte[] uncompressed = library.ecdsaRecover(rs, digest, recoveryId);
                return Arrays.copyOfRange(uncompressed, 1, 65);
            } catch (RuntimeException e) { // the library's Secp256k1Exception: no key recovers
                return null;
            }
        }

        @Override
        public String name() {
            return "libsecp256k1 (JNI)";
        }
    }

    /** web3j's recovery, on Bouncy Castle's curve arithmetic. */
    final class PureJava implements KeyRecovery {
        static final PureJava INSTANCE = new PureJava();

        private PureJava() {}

        @Override
        public byte[] recover(byte[] rs, int recoveryId, byte[] digest) {
            BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32));
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
            try {
                BigInteger key = Sign.recoverFromSignature(recoveryId, new ECDSASignature(r, s), digest);
                return key == null ? null : Numeric.toBytesPadded(key, 64);
            } catch (IllegalArgumentException e) { // r is no x-coordinate on the curve ("invalid point compression")
                return null;
            }
        }

        @Override
        public String name() {
            return "pure Java (web3j, Bouncy Castle)";
        }
    }

    /** Loads the native library once; a platform without it, or a library that fails its self-check, falls back. */
    final class Fastest {
        static final KeyRecovery NATIVE = loadNative();
        static final KeyRecovery CHOSEN = NATIVE == null ? PureJava.INSTANCE : NATIVE;

        private Fastest() {}

        private static KeyRecovery loadNative() {
            try {
                Native recovery = new Native(fr.acinq.secp256k1.Secp256k1.Companion.get());
                return agreesOnAKnownSignature(recovery) ? recovery : null;
            } catch (LinkageError | RuntimeException e) { // no binary for this platform, or it does not load
                return null;
            }
        }

        /** One signature made here with web3j: both implementations must recover its key. */
        private static boolean agreesOnAKnownSignature(KeyRecovery recovery) {
            ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(0x5eed));
            byte[] digest = new byte[32];
            Arrays.fill(digest, (byte) 0x42);
            Sign.SignatureData signature = Sign.signMessage(digest, key, false);
            byte[] rs = new byte[64];
            System.arraycopy(signature.getR(), 0, rs, 0, 32);
            System.arraycopy(signature.getS(), 0, rs, 32, 32);
            return Arrays.equals(
                    recovery.recover(rs, signature.getV()[0] - 27, digest),
                    Numeric.toBytesPadded(key.getPublicKey(), 64));
        }
    }
}
