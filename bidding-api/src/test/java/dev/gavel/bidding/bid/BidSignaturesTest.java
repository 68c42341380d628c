package dev.gavel.bidding.bid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;

class BidSignaturesTest {
    private static final ECKeyPair BUILDER_KEY = ECKeyPair.create(BigInteger.valueOf(0xb01d3e5L));
    private static final Address BUILDER = Secp256k1.address(BUILDER_KEY);
    private static final Address SETTLEMENT = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    private static final Eip712Domain DOMAIN = Eip712Domain.gavel(1301, SETTLEMENT);
    private static final BigInteger UINT256_MAX =
            new BigInteger("115792089237316195423570985008687907853269984665640564039457584007913129639935");
    private final BidSignatures signatures = new BidSignatures(DOMAIN);

    @Test
    void digestEqualsWeb3jStructuredDataEncoder() {
        Property.forAll(
                60,
                Gen.longs(0, Long.MAX_VALUE),
                Gen.bytes(),
                Gen.bigIntegers(BigInteger.ZERO, UINT256_MAX),
                Gen.longs(1, Long.MAX_VALUE),
                (blockNumber, parentSeed, value, chainId) -> {
                    Bid bid = new Bid(
                            BlockNumber.of(blockNumber),
                            hashOf(parentSeed, 1),
                            hashOf(parentSeed, 2),
                            new Wei(value),
                            BUILDER);
                    Eip712Domain domain = Eip712Domain.gavel(chainId, SETTLEMENT);

                    byte[] expected = new StructuredDataEncoder(typedDataJson(domain, bid)).hashStructuredData();

                    assertThat(new BidSignatures(domain).digest(bid).toArray()).isEqualTo(expected);
                });
    }

    @Test
    void signedBidRecoversItsBuilder() {
        Property.forAll(30, Gen.longs(0, 1_000_000_000L), Gen.bytes(), (blockNumber, seed) -> {
            Bid bid = new Bid(
                    BlockNumber.of(blockNumber), hashOf(seed, 3), hashOf(seed, 4), Wei.of(blockNumber * 7), BUILDER);

            assertThat(signatures.recover(signatures.sign(bid, BUILDER_KEY))).isEqualTo(BUILDER);
        });
    }

    @Test
    void aChangedFieldRecoversSomeoneElse() throws Exception {
        SignedBid signed = signatures.sign(sampleBid(), BUILDER_KEY);
        Bid raised = new Bid(
                signed.bid().blockNumber(),
                signed.bid().parentHash(),
                signed.bid().blockHash(),
                Wei.of(2_000_000),
                BUILDER);

        assertThat(signatures.recover(new SignedBid(raised, signed.signature())))
                .isNotEqualTo(BUILDER);
    }

    @Test
    void anotherDomainRecoversSomeoneElse() throws Exception {
        SignedBid signed = signatures.sign(sampleBid(), BUILDER_KEY);
        BidSignatures otherChain = new BidSignatures(Eip712Domain.gavel(10, SETTLEMENT));

        assertThat(otherChain.recover(signed)).isNotEqualTo(BUILDER);
    }

    @Test
    void highSIsRefusedEvenThoughItIsAValidSignature() {
        byte[] low = signatures.sign(sampleBid(), BUILDER_KEY).signature().toArray();
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(low, 32, 64));
        byte[] highS = Sign.CURVE_PARAMS.getN().subtract(s).toByteArray();
        byte[] malleable = low.clone();
        System.arraycopy(highS, highS.length - 32, malleable, 32, 32);
        malleable[64] = (byte) (low[64] == 27 ? 28 : 27);

        assertThatThrownBy(() -> signatures.recover(new SignedBid(sampleBid(), BidSignature.of(malleable))))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("upper half");
    }

    @Test
    void malformedSignaturesAreRefusedWithTheirReason() {
        byte[] good = signatures.sign(sampleBid(), BUILDER_KEY).signature().toArray();
        byte[] badV = good.clone();
        badV[64] = 1;
        byte[] zeroR = good.clone();
        java.util.Arrays.fill(zeroR, 0, 32, (byte) 0);

        assertThatThrownBy(() -> signatures.recover(new SignedBid(sampleBid(), BidSignature.of(badV))))
                .hasMessageContaining("v must be 27 or 28");
        assertThatThrownBy(() -> signatures.recover(new SignedBid(sampleBid(), BidSignature.of(zeroR))))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> BidSignature.of(new byte[64])).hasMessageContaining("65 bytes");
    }

    static Bid sampleBid() {
        return new Bid(
                BlockNumber.of(35_535_698),
                Hash32.fromHex("0x" + "11".repeat(32)),
                Hash32.fromHex("0x" + "22".repeat(32)),
                Wei.of(1_000_000),
                BUILDER);
    }

    private static Hash32 hashOf(byte[] seed, int salt) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (salt * 31 + i + (seed.length > 0 ? seed[i % seed.length] : 0));
        }
        return Hash32.of(bytes);
    }

    private static String typedDataJson(Eip712Domain domain, Bid bid) {
        return """
                {"types":{
                  "EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                                  {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                  "Bid":[{"name":"blockNumber","type":"uint64"},{"name":"parentHash","type":"bytes32"},
                         {"name":"blockHash","type":"bytes32"},{"name":"value","type":"uint256"},
                         {"name":"builder","type":"address"}]},
                 "primaryType":"Bid",
                 "domain":{"name":"%s","version":"%s","chainId":%d,"verifyingContract":"%s"},
                 "message":{"blockNumber":%d,"parentHash":"%s","blockHash":"%s","value":"%s","builder":"%s"}}
                """.formatted(
                        domain.name(),
                        domain.version(),
                        domain.chainId(),
                        domain.verifyingContract(),
                        bid.blockNumber().value(),
                        bid.parentHash(),
                        bid.blockHash(),
                        bid.value().amount(),
                        bid.builder());
    }
}
