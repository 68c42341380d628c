package dev.gavel.bidding.seal;

import org.bouncycastle.crypto.hpke.HPKE;

/** The one HPKE suite of Gavel: RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305. */
final class HpkeSuite {
    static final String NAME = "DHKEM(X25519,HKDF-SHA256)/HKDF-SHA256/ChaCha20-Poly1305";
    static final String INFO_TEXT = "gavel sealed bid v2";
    static final byte[] INFO = INFO_TEXT.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final int KEY_LENGTH = 32;
    /** ChaCha20-Poly1305 adds a 16-byte tag to every plaintext. */
    static final int TAG_LENGTH = 16;

    private HpkeSuite() {}

    static HPKE create() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_CHACHA20_POLY1305);
    }
}
