package dev.gavel.bidding.seal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one HPKE suite of Gavel, RFC 9180 base mode with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and
 * ChaCha20-Poly1305, single-shot (sequence number 0), on the JDK's own X25519, HMAC-SHA256 and
 * ChaCha20-Poly1305: at 256 KB the JDK's AEAD is about three times Bouncy Castle's (docs/performance.md). Keys
 * travel as RFC 7748's 32 raw bytes. Stateless and thread-safe.
 */
final class HpkeSuite {
    static final String NAME = "DHKEM(X25519,HKDF-SHA256)/HKDF-SHA256/ChaCha20-Poly1305";
    static final String INFO_TEXT = "gavel sealed bid v2";
    static final byte[] INFO = INFO_TEXT.getBytes(StandardCharsets.US_ASCII);
    static final int KEY_LENGTH = 32;
    /** ChaCha20-Poly1305 adds a 16-byte tag to every plaintext. */
    static final int TAG_LENGTH = 16;

    private static final int NONCE_LENGTH = 12;
    private static final byte[] VERSION_LABEL = ascii("HPKE-v1");
    private static final byte[] KEM_SUITE = concat(ascii("KEM"), new byte[] {0x00, 0x20});
    private static final byte[] HPKE_SUITE =
            concat(ascii("HPKE"), new byte[] {0x00, 0x20}, new byte[] {0x00, 0x01}, new byte[] {0x00, 0x03});
    private static final BigInteger BASE_POINT = BigInteger.valueOf(9);
    private static final SecureRandom RANDOM = new SecureRandom();

    private HpkeSuite() {}

    /** An X25519 key pair: the raw private scalar, the JDK's key made of it, and the raw public key. */
    record KeyPair(byte[] privateKey, PrivateKey jdkKey, byte[] publicKey) {
        static KeyPair of(byte[] privateKey) {
            if (privateKey.length != KEY_LENGTH) {
                throw new IllegalArgumentException("an X25519 private key is 32 bytes, got " + privateKey.length);
            }
            PrivateKey jdkKey = jdkPrivateKey(privateKey);
            return new KeyPair(privateKey.clone(), jdkKey, dh(jdkKey, BASE_POINT));
        }
    }

    static KeyPair generate() {
        byte[] privateKey = new byte[KEY_LENGTH];
        RANDOM.nextBytes(privateKey);
        return KeyPair.of(privateKey);
    }

    /** RFC 9180 §7.1.3 DeriveKeyPair for X25519: a key pair fixed by {@code ikm} (test vectors). */
    static KeyPair derive(byte[] ikm) {
        byte[] prk = labeledExtract(KEM_SUITE, new byte[0], "dkp_prk", ikm);
        return KeyPair.of(labeledExpand(KEM_SUITE, prk, "sk", new byte[0], KEY_LENGTH));
    }

    /** Encapsulates to {@code recipient} with {@code ephemeral} and seals, under {@code info}, {@code plaintext}; the ciphertext. */
    static byte[] seal(byte[] recipient, KeyPair ephemeral, byte[] info, byte[] aad, byte[] plaintext) {
        byte[] dh = dh(ephemeral.jdkKey(), u(recipient));
        byte[][] keyAndNonce = keySchedule(sharedSecret(dh, ephemeral.publicKey(), recipient), info);
        try {
            Cipher cipher = aead(Cipher.ENCRYPT_MODE, keyAndNonce);
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing cannot fail on well-formed input", e);
        }
    }

    /**
     * Decapsulates {@code enc} with {@code recipient} and opens {@code ciphertext[offset, offset + length)}.
     *
     * @throws GeneralSecurityException when the encapsulated key is unusable or the tag does not authenticate
     */
    static byte[] open(
            KeyPair recipient, byte[] enc, byte[] info, byte[] aad, byte[] ciphertext, int offset, int length)
            throws GeneralSecurityException {
        byte[] dh = dh(recipient.jdkKey(), u(enc));
        byte[][] keyAndNonce = keySchedule(sharedSecret(dh, enc, recipient.publicKey()), info);
        Cipher cipher = aead(Cipher.DECRYPT_MODE, keyAndNonce);
        cipher.updateAAD(aad);
        return cipher.doFinal(ciphertext, offset, length);
    }

    private static Cipher aead(int mode, byte[][] keyAndNonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(mode, new SecretKeySpec(keyAndNonce[0], "ChaCha20"), new IvParameterSpec(keyAndNonce[1]));
        return cipher;
    }

    /** DHKEM's ExtractAndExpand over kem_context = enc ‖ pkR. */
    private static byte[] sharedSecret(byte[] dh, byte[] enc, byte[] recipient) {
        byte[] prk = labeledExtract(KEM_SUITE, new byte[0], "eae_prk", dh);
        return labeledExpand(KEM_SUITE, prk, "shared_secret", concat(enc, recipient), KEY_LENGTH);
    }

    /** Base mode's key schedule, no PSK: the AEAD key and base nonce. */
    private static byte[][] keySchedule(byte[] sharedSecret, byte[] info) {
        byte[] pskIdHash = labeledExtract(HPKE_SUITE, new byte[0], "psk_id_hash", new byte[0]);
        byte[] infoHash = labeledExtract(HPKE_SUITE, new byte[0], "info_hash", info);
        byte[] context = concat(new byte[] {0x00}, pskIdHash, infoHash);
        byte[] secret = labeledExtract(HPKE_SUITE, sharedSecret, "secret", new byte[0]);
        return new byte[][] {
            labeledExpand(HPKE_SUITE, secret, "key", context, KEY_LENGTH),
            labeledExpand(HPKE_SUITE, secret, "base_nonce", context, NONCE_LENGTH)
        };
    }

    private static byte[] labeledExtract(byte[] suite, byte[] salt, String label, byte[] ikm) {
        return hmac(salt.length == 0 ? new byte[32] : salt, concat(VERSION_LABEL, suite, ascii(label), ikm));
    }

    /** HKDF-Expand for at most one block (32 bytes), which is all this suite asks for. */
    private static byte[] labeledExpand(byte[] suite, byte[] prk, String label, byte[] info, int length) {
        byte[] labeled =
                concat(new byte[] {(byte) (length >>> 8), (byte) length}, VERSION_LABEL, suite, ascii(label), info);
        return Arrays.copyOf(hmac(prk, concat(labeled, new byte[] {0x01})), length);
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /**
     * X25519 of a private key and a u-coordinate. The JDK refuses an all-zero result (a small-order point), as
     * RFC 9180 requires.
     */
    private static byte[] dh(PrivateKey privateKey, BigInteger u) {
        try {
            PublicKey peer =
                    KeyFactory.getInstance("XDH").generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(privateKey);
            agreement.doPhase(peer, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable X25519 public key: " + e.getMessage(), e);
        }
    }

    private static PrivateKey jdkPrivateKey(byte[] scalar) {
        try {
            return KeyFactory.getInstance("XDH")
                    .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar.clone()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has X25519", e);
        }
    }

    /** RFC 7748 decodeUCoordinate: little-endian, the top bit ignored. */
    private static BigInteger u(byte[] publicKey) {
        if (publicKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an X25519 public key is 32 bytes, got " + publicKey.length);
        }
        byte[] bigEndian = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            bigEndian[i] = publicKey[KEY_LENGTH - 1 - i];
        }
        bigEndian[0] &= 0x7f;
        return new BigInteger(1, bigEndian);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }
}
