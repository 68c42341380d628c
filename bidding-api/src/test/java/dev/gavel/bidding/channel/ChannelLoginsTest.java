package dev.gavel.bidding.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.bidding.seal.HeaderSignatures;
import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.StructuredDataEncoder;

class ChannelLoginsTest {
    private static final ECKeyPair BUILDER_KEY = ECKeyPair.create(BigInteger.valueOf(0xc4a77e1L));
    private static final Address BUILDER = Secp256k1.address(BUILDER_KEY);
    private static final Address SETTLEMENT = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    private static final Eip712Domain DOMAIN = Eip712Domain.gavel(1301, SETTLEMENT);
    private final ChannelLogins logins = new ChannelLogins(DOMAIN);

    /** Any EIP-712 library computes the same digest (web3j's encoder here; ethers' in the TypeScript client). */
    @Test
    void digestEqualsWeb3jStructuredDataEncoder() {
        Property.forAll(
                60,
                Gen.bytes(),
                Gen.longs(0, Long.MAX_VALUE),
                Gen.longs(0, Integer.MAX_VALUE),
                Gen.longs(1, Long.MAX_VALUE),
                (seed, issuedAt, keyId, chainId) -> {
                    ChannelChallenge challenge = new ChannelChallenge(nonce(seed), issuedAt, (int) (long) keyId);
                    Eip712Domain domain = Eip712Domain.gavel(chainId, SETTLEMENT);

                    byte[] expected =
                            new StructuredDataEncoder(typedDataJson(domain, challenge, BUILDER)).hashStructuredData();

                    assertThat(new ChannelLogins(domain)
                                    .digest(challenge, BUILDER)
                                    .toArray())
                            .isEqualTo(expected);
                });
    }

    @Test
    void aLoginIsGoodForItsBuilderAndItsChallengeOnly() {
        Property.forAll(30, Gen.bytes(), Gen.longs(0, 4_000_000_000L), (seed, issuedAt) -> {
            ChannelChallenge challenge = new ChannelChallenge(nonce(seed), issuedAt, 1);
            BidSignature signature = logins.sign(challenge, BUILDER, BUILDER_KEY);
            ChannelChallenge anotherConnection = new ChannelChallenge(nonce(another(seed)), issuedAt, 1);
            Property.assume(!anotherConnection.equals(challenge));

            assertThat(logins.signedBy(challenge, BUILDER, signature)).isTrue();
            assertThat(logins.signedBy(anotherConnection, BUILDER, signature)).isFalse();
            assertThat(logins.signedBy(challenge, Secp256k1.address(ECKeyPair.create(BigInteger.TWO)), signature))
                    .isFalse();
            assertThat(new ChannelLogins(Eip712Domain.gavel(10, SETTLEMENT)).signedBy(challenge, BUILDER, signature))
                    .as("another chain's Gavel")
                    .isFalse();
        });
    }

    /** A login's signed bytes can never be a bid header's: the type hashes differ, so the digests do. */
    @Test
    void aLoginIsNeverABidHeaderSignature() {
        ChannelChallenge challenge = new ChannelChallenge(nonce(new byte[] {7}), 1_700_000_000L, 1);
        HeaderSignatures headers = new HeaderSignatures(DOMAIN);
        byte[] sameBytes = logins.digest(challenge, BUILDER).toArray();

        assertThat(headers.digest(sameBytes)).isNotEqualTo(logins.digest(challenge, BUILDER));
        assertThat(ChannelLogins.TYPE).doesNotStartWith("Bid");
    }

    @Test
    void aMalformedSignatureIsNotALogin() {
        ChannelChallenge challenge = new ChannelChallenge(nonce(new byte[] {9}), 1_700_000_000L, 1);
        byte[] bad = logins.sign(challenge, BUILDER, BUILDER_KEY).toArray();
        bad[64] = 1;

        assertThat(logins.signedBy(challenge, BUILDER, BidSignature.of(bad))).isFalse();
    }

    private static Hash32 nonce(byte[] seed) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 13 + (seed.length > 0 ? seed[i % seed.length] : 0));
        }
        return Hash32.of(bytes);
    }

    private static byte[] another(byte[] seed) {
        byte[] copy = Arrays.copyOf(seed, seed.length + 1);
        copy[seed.length] = 42;
        return copy;
    }

    private static String typedDataJson(Eip712Domain domain, ChannelChallenge challenge, Address builder) {
        return """
                {"types":{
                  "EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                                  {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                  "ChannelLogin":[{"name":"nonce","type":"bytes32"},{"name":"issuedAt","type":"uint64"},
                                  {"name":"auctionKeyId","type":"uint32"},{"name":"builder","type":"address"}]},
                 "primaryType":"ChannelLogin",
                 "domain":{"name":"%s","version":"%s","chainId":%d,"verifyingContract":"%s"},
                 "message":{"nonce":"%s","issuedAt":%d,"auctionKeyId":%d,"builder":"%s"}}
                """.formatted(
                        domain.name(),
                        domain.version(),
                        domain.chainId(),
                        domain.verifyingContract(),
                        challenge.nonce(),
                        challenge.issuedAt(),
                        challenge.auctionKeyId(),
                        builder);
    }
}
