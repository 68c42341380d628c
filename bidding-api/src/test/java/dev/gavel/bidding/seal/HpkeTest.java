package dev.gavel.bidding.seal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hex;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.junit.jupiter.api.Test;

/** Gavel's HPKE suite against RFC 9180's published vector, and the auction key's handling. */
class HpkeTest {
    /** RFC 9180 appendix A.2.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305, base mode, sequence 0. */
    private static final byte[] INFO = hex("4f6465206f6e2061204772656369616e2055726e");

    private static final byte[] IKM_E = hex("909a9b35d3dc4713a5e72a4da274b55d3d3821a37e5d099e74a647db583a904b");
    private static final byte[] PK_EM = hex("1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a");
    private static final byte[] PK_RM = hex("4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a");
    private static final byte[] SK_RM = hex("8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb");
    private static final byte[] PT = hex("4265617574792069732074727574682c20747275746820626561757479");
    private static final byte[] AAD = hex("436f756e742d30");
    private static final byte[] CT =
            hex("1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28");

    @Test
    void rfc9180VectorSealsToThePublishedCiphertext() throws Exception {
        HPKE hpke = HpkeSuite.create();
        AsymmetricCipherKeyPair ephemeral = hpke.deriveKeyPair(IKM_E);

        HPKEContextWithEncapsulation sender = hpke.setupBaseS(hpke.deserializePublicKey(PK_RM), INFO, ephemeral);

        assertThat(sender.getEncapsulation()).isEqualTo(PK_EM);
        assertThat(sender.seal(AAD, PT)).isEqualTo(CT);
    }

    @Test
    void rfc9180VectorOpensWithTheRecipientKey() throws Exception {
        HPKE hpke = HpkeSuite.create();
        HPKEContext receiver = hpke.setupBaseR(PK_EM, hpke.deserializePrivateKey(SK_RM, PK_RM), INFO);

        assertThat(receiver.open(AAD, CT)).isEqualTo(PT);
    }

    @Test
    void auctionKeyRestoredFromItsPrivateKeyHasThePublishedPublicKey() {
        AuctionKeyPair restored = AuctionKeyPair.fromPrivateKey(1, SK_RM);

        assertThat(restored.publicKey().publicKey()).isEqualTo(Bytes.of(PK_RM));
        assertThat(restored.toString()).doesNotContain(Hex.encode(SK_RM).substring(2));
    }

    private static byte[] hex(String digits) {
        return Hex.decode("0x" + digits);
    }
}
