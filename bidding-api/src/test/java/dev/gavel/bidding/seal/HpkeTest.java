package dev.gavel.bidding.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Hex;
import java.util.List;
import java.util.stream.IntStream;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.junit.jupiter.api.Test;

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

    @Test
    void sealedPlaintextOpensUnchanged() {
        Property.forAll(25, Gen.bytes(), plaintext -> {
            AuctionKeyPair key = AuctionKeyPair.generate(7);
            SealedBid sealed = new BidSealer(key.publicKey()).seal(plaintext, BidFixtures.bid());

            assertThat(new BidOpener(key).open(sealed)).isEqualTo(plaintext);
        });
    }

    @Test
    void oneSealerAndOneOpenerServeManyThreadsAtOnce() throws Exception {
        AuctionKeyPair key = AuctionKeyPair.generate(7);
        BidSealer sealer = new BidSealer(key.publicKey());
        BidOpener opener = new BidOpener(key);
        List<byte[]> opened = IntStream.range(0, 400)
                .parallel()
                .mapToObj(i -> {
                    try {
                        return opener.open(sealer.seal(new byte[] {(byte) i, (byte) (i >> 8)}, BidFixtures.bid()));
                    } catch (UnopenableBidException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();

        assertThat(opened)
                .hasSize(400)
                .allSatisfy(plaintext -> assertThat(plaintext).hasSize(2));
        assertThat(opened.stream()
                        .map(p -> (p[0] & 0xff) | (p[1] & 0xff) << 8)
                        .distinct()
                        .count())
                .isEqualTo(400);
    }

    @Test
    void anyFlippedCiphertextByteIsRefused() {
        Property.forAll(40, Gen.ints(0, 63), position -> {
            AuctionKeyPair key = AuctionKeyPair.generate(7);
            SealedBid sealed = new BidSealer(key.publicKey()).seal(new byte[48], BidFixtures.bid());
            byte[] tampered = sealed.ciphertext().toArray();
            tampered[position % tampered.length] ^= 0x01;
            SealedBid altered = new SealedBid(
                    sealed.keyId(),
                    sealed.blockNumber(),
                    sealed.parentHash(),
                    sealed.builder(),
                    sealed.encapsulatedKey(),
                    Bytes.of(tampered));

            assertThatThrownBy(() -> new BidOpener(key).open(altered)).isInstanceOf(UnopenableBidException.class);
        });
    }

    @Test
    void aRewrittenRoutingHeaderIsRefused() {
        AuctionKeyPair key = AuctionKeyPair.generate(7);
        SealedBid sealed = new BidSealer(key.publicKey()).seal(new byte[48], BidFixtures.bid());
        SealedBid otherBuilder = new SealedBid(
                sealed.keyId(),
                sealed.blockNumber(),
                sealed.parentHash(),
                Address.fromHex("0x" + "99".repeat(20)),
                sealed.encapsulatedKey(),
                sealed.ciphertext());
        SealedBid otherBlock = new SealedBid(
                sealed.keyId(),
                BlockNumber.of(1),
                sealed.parentHash(),
                sealed.builder(),
                sealed.encapsulatedKey(),
                sealed.ciphertext());

        assertThatThrownBy(() -> new BidOpener(key).open(otherBuilder)).isInstanceOf(UnopenableBidException.class);
        assertThatThrownBy(() -> new BidOpener(key).open(otherBlock)).isInstanceOf(UnopenableBidException.class);
    }

    @Test
    void aBidSealedToAnotherKeyIdIsRefusedByName() {
        AuctionKeyPair key = AuctionKeyPair.generate(7);
        SealedBid sealed = new BidSealer(AuctionKeyPair.generate(8).publicKey()).seal(new byte[8], BidFixtures.bid());

        assertThatThrownBy(() -> new BidOpener(key).open(sealed)).hasMessageContaining("sealed to key 8");
    }

    @Test
    void aForeignKeyWithTheSameIdCannotOpen() {
        SealedBid sealed = new BidSealer(AuctionKeyPair.generate(7).publicKey()).seal(new byte[8], BidFixtures.bid());

        assertThatThrownBy(() -> new BidOpener(AuctionKeyPair.generate(7)).open(sealed))
                .hasMessageContaining("does not authenticate");
    }

    private static byte[] hex(String digits) {
        return Hex.decode("0x" + digits);
    }

    static final class BidFixtures {
        static dev.gavel.bidding.bid.Bid bid() {
            return new dev.gavel.bidding.bid.Bid(
                    BlockNumber.of(100),
                    Hash32.fromHex("0x" + "aa".repeat(32)),
                    Hash32.fromHex("0x" + "bb".repeat(32)),
                    dev.gavel.primitives.Wei.of(5),
                    Address.fromHex("0x" + "cc".repeat(20)));
        }
    }
}
