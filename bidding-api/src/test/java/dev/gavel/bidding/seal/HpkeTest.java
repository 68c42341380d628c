package dev.gavel.bidding.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hex;
import java.security.GeneralSecurityException;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.junit.jupiter.api.Test;

/**
 * Gavel's HPKE suite (the JDK's X25519, HMAC and ChaCha20-Poly1305) against RFC 9180's published vector, and
 * against Bouncy Castle's independent implementation of the same suite in both directions.
 */
class HpkeTest {
    /** RFC 9180 appendix A.2.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305, base mode, sequence 0. */
    private static final byte[] INFO = hex("4f6465206f6e2061204772656369616e2055726e");

    private static final byte[] IKM_E = hex("909a9b35d3dc4713a5e72a4da274b55d3d3821a37e5d099e74a647db583a904b");
    private static final byte[] PK_EM = hex("1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a");
    private static final byte[] SK_EM = hex("f4ec9b33b792c372c1d2c2063507b684ef925b8c75a42dbcbf57d63ccd381600");
    private static final byte[] PK_RM = hex("4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a");
    private static final byte[] SK_RM = hex("8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb");
    private static final byte[] PT = hex("4265617574792069732074727574682c20747275746820626561757479");
    private static final byte[] AAD = hex("436f756e742d30");
    private static final byte[] CT =
            hex("1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28");

    @Test
    void rfc9180VectorDerivesTheEphemeralKeyAndSealsToThePublishedCiphertext() {
        HpkeSuite.KeyPair ephemeral = HpkeSuite.derive(IKM_E);

        assertThat(ephemeral.privateKey()).isEqualTo(SK_EM);
        assertThat(ephemeral.publicKey()).isEqualTo(PK_EM);
        assertThat(HpkeSuite.seal(PK_RM, ephemeral, INFO, AAD, PT)).isEqualTo(CT);
    }

    @Test
    void rfc9180VectorOpensWithTheRecipientKey() throws Exception {
        byte[] framed = new byte[CT.length + 7];
        System.arraycopy(CT, 0, framed, 5, CT.length);

        assertThat(HpkeSuite.open(HpkeSuite.KeyPair.of(SK_RM), PK_EM, INFO, AAD, framed, 5, CT.length))
                .isEqualTo(PT);
    }

    @Test
    void aChangedByteOfCiphertextAadOrEncDoesNotOpen() {
        HpkeSuite.KeyPair recipient = HpkeSuite.KeyPair.of(SK_RM);
        Property.forAll(100, Gen.ints(0, CT.length + AAD.length + PK_EM.length - 1), at -> {
            byte[] ct = CT.clone();
            byte[] aad = AAD.clone();
            byte[] enc = PK_EM.clone();
            if (at < ct.length) {
                ct[at] ^= 1;
            } else if (at < ct.length + aad.length) {
                aad[at - ct.length] ^= 1;
            } else {
                enc[at - ct.length - aad.length] ^= 1;
            }
            assertThatThrownBy(() -> HpkeSuite.open(recipient, enc, INFO, aad, ct, 0, ct.length))
                    .isInstanceOfAny(GeneralSecurityException.class, IllegalArgumentException.class);
        });
    }

    @Test
    void bouncyCastleOpensWhatTheJdkSealsAndTheReverse() {
        HPKE bc = new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_CHACHA20_POLY1305);
        Property.forAll(60, Gen.bytes(0, 3_000), Gen.bytes(0, 200), (plaintext, aad) -> {
            HpkeSuite.KeyPair recipient = HpkeSuite.generate();
            AsymmetricCipherKeyPair bcRecipient = bc.deserializePrivateKey(recipient.privateKey(), null);

            HpkeSuite.KeyPair ephemeral = HpkeSuite.generate();
            byte[] jdkSealed = HpkeSuite.seal(recipient.publicKey(), ephemeral, INFO, aad, plaintext);
            assertThat(bc.setupBaseR(ephemeral.publicKey(), bcRecipient, INFO).open(aad, jdkSealed))
                    .isEqualTo(plaintext);

            HPKEContextWithEncapsulation sender = bc.setupBaseS(bc.deserializePublicKey(recipient.publicKey()), INFO);
            byte[] bcSealed = sender.seal(aad, plaintext);
            assertThat(HpkeSuite.open(recipient, sender.getEncapsulation(), INFO, aad, bcSealed, 0, bcSealed.length))
                    .isEqualTo(plaintext);
        });
    }

    @Test
    void auctionKeyRestoredFromItsPrivateKeyHasThePublishedPublicKey() {
        AuctionKeyPair restored = AuctionKeyPair.fromPrivateKey(1, SK_RM);

        assertThat(restored.publicKey().publicKey()).isEqualTo(Bytes.of(PK_RM));
        assertThat(restored.privateKeyBytes()).isEqualTo(SK_RM);
        assertThat(restored.toString()).doesNotContain(Hex.encode(SK_RM).substring(2));
    }

    private static byte[] hex(String digits) {
        return Hex.decode("0x" + digits);
    }
}
