package dev.gavel.bidding.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Wei;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/** Sealed bids with a signed header v2: what opens, what a tampered header or ciphertext does, what signs what. */
class SealedBidTest {
    private static final ECKeyPair BUILDER = ECKeyPair.create(BigInteger.valueOf(0xb11d));
    private static final Eip712Domain DOMAIN = Eip712Domain.gavel(901, Address.fromHex("0x" + "5e".repeat(20)));
    private static final HeaderSignatures HEADERS = new HeaderSignatures(DOMAIN);
    private static final RoundReference ROUND = new RoundReference.ByPayloadId(PayloadId.fromHex("0x0102030405060708"));

    @Test
    void sealedPlaintextOpensUnchanged() {
        Property.forAll(25, Gen.bytes(), plaintext -> {
            AuctionKeyPair key = AuctionKeyPair.generate(7);
            SealedBid sealed = sealer(key).seal(plaintext, bid(), ROUND, BUILDER);
            BidHeader header = BidHeader.decode(sealed.header());

            assertThat(new BidOpener(key).open(header, sealed)).isEqualTo(plaintext);
            assertThat(header.ciphertextLength()).isEqualTo(sealed.ciphertext().length());
            assertThat(HEADERS.recover(sealed.header().toArray(), sealed.headerSignature()))
                    .isEqualTo(Secp256k1.address(BUILDER));
        });
    }

    @Test
    void headersSurviveTheirEncoding() {
        Property.forAll(
                200,
                Gen.ints(),
                Gen.longs(0, Long.MAX_VALUE),
                Gen.ints(0, Integer.MAX_VALUE),
                Gen.booleans(),
                (keyId, number, length, bySlot) -> {
                    BidHeader header = new BidHeader(
                            keyId,
                            bySlot ? new RoundReference.Slot() : ROUND,
                            BlockNumber.of(number),
                            Hash32.fromHex("0x" + "ab".repeat(32)),
                            Address.fromHex("0x" + "cd".repeat(20)),
                            length,
                            Bytes.of(new byte[32]));

                    byte[] encoded = header.encode();

                    assertThat(encoded).hasSize(BidHeader.LENGTH);
                    assertThat(BidHeader.version(Bytes.of(encoded))).isEqualTo(2);
                    assertThat(BidHeader.decode(Bytes.of(encoded))).isEqualTo(header);
                });
    }

    @Test
    void malformedHeadersAreRefusedByName() {
        byte[] good = sealer(AuctionKeyPair.generate(7))
                .seal(new byte[8], bid(), ROUND, BUILDER)
                .header()
                .toArray();
        byte[] unknownTag = good.clone();
        unknownTag[5] = 9;

        assertThatThrownBy(() -> BidHeader.decode(Bytes.of(new byte[109]))).hasMessageContaining("110 bytes");
        assertThatThrownBy(() -> BidHeader.decode(Bytes.of(unknownTag))).hasMessageContaining("round reference tag 9");
        assertThat(BidHeader.version(Bytes.of(new byte[0]))).isEqualTo(-1);
    }

    @Test
    void anyFlippedHeaderOrCiphertextByteStopsTheOpening() {
        Property.forAll(160, Gen.ints(0, BidHeader.LENGTH + 63), position -> {
            AuctionKeyPair key = AuctionKeyPair.generate(7);
            SealedBid sealed = sealer(key).seal(new byte[48], bid(), ROUND, BUILDER);
            byte[] header = sealed.header().toArray();
            byte[] ciphertext = sealed.ciphertext().toArray();
            if (position < header.length) {
                header[position] ^= 0x01;
            } else {
                ciphertext[(position - header.length) % ciphertext.length] ^= 0x01;
            }
            SealedBid altered = new SealedBid(Bytes.of(header), sealed.headerSignature(), Bytes.of(ciphertext));

            assertThatThrownBy(() -> new BidOpener(key).open(BidHeader.decode(altered.header()), altered))
                    .isInstanceOfAny(UnopenableBidException.class, IllegalArgumentException.class);
        });
    }

    @Test
    void aHeaderSignatureIsNeverABidSignature() throws Exception {
        SealedBid sealed = sealer(AuctionKeyPair.generate(7)).seal(new byte[8], bid(), ROUND, BUILDER);
        BidSignatures bids = new BidSignatures(DOMAIN);

        assertThat(HEADERS.digest(sealed.header().toArray())).isNotEqualTo(bids.digest(bid()));
        assertThat(Secp256k1.recover(sealed.headerSignature(), bids.digest(bid())))
                .isNotEqualTo(Secp256k1.address(BUILDER));
    }

    @Test
    void oneSealerAndOneOpenerServeManyThreadsAtOnce() {
        AuctionKeyPair key = AuctionKeyPair.generate(7);
        BidSealer sealer = sealer(key);
        BidOpener opener = new BidOpener(key);
        List<byte[]> opened = IntStream.range(0, 400)
                .parallel()
                .mapToObj(i -> {
                    try {
                        SealedBid sealed = sealer.seal(new byte[] {(byte) i, (byte) (i >> 8)}, bid(), ROUND, BUILDER);
                        return opener.open(BidHeader.decode(sealed.header()), sealed);
                    } catch (UnopenableBidException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();

        assertThat(opened.stream()
                        .map(p -> (p[0] & 0xff) | (p[1] & 0xff) << 8)
                        .distinct()
                        .count())
                .isEqualTo(400);
    }

    @Test
    void aBidSealedToAnotherKeyIdIsRefusedByNameAndAForeignKeyCannotOpen() {
        SealedBid toKey8 = sealer(AuctionKeyPair.generate(8)).seal(new byte[8], bid(), ROUND, BUILDER);
        SealedBid toOther7 = sealer(AuctionKeyPair.generate(7)).seal(new byte[8], bid(), ROUND, BUILDER);
        BidOpener opener = new BidOpener(AuctionKeyPair.generate(7));

        assertThatThrownBy(() -> opener.open(BidHeader.decode(toKey8.header()), toKey8))
                .hasMessageContaining("sealed to key 8");
        assertThatThrownBy(() -> opener.open(BidHeader.decode(toOther7.header()), toOther7))
                .hasMessageContaining("does not authenticate");
    }

    private static BidSealer sealer(AuctionKeyPair key) {
        return new BidSealer(key.publicKey(), HEADERS);
    }

    private static Bid bid() {
        return new Bid(
                BlockNumber.of(100),
                Hash32.fromHex("0x" + "aa".repeat(32)),
                Hash32.fromHex("0x" + "bb".repeat(32)),
                Wei.of(5),
                Secp256k1.address(BUILDER));
    }
}
