package dev.gavel.bidding.flashblocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.bidding.channel.ChannelLogins;
import dev.gavel.bidding.seal.HeaderSignatures;
import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Hex;
import dev.gavel.primitives.PayloadId;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.StructuredDataEncoder;

/** The signed flashblock frame: rollup-boost's JSON read strictly, and the winner's EIP-712 signature over it. */
class SignedFlashblockTest {
    private static final ECKeyPair KEY = ECKeyPair.create(BigInteger.valueOf(0xb0b));
    private static final Address SETTLEMENT = Address.fromHex("0x00000000000000000000000000000000000000aa");
    private static final FlashblockSignatures SIGNATURES =
            new FlashblockSignatures(Eip712Domain.gavel(1301, SETTLEMENT));
    private static final PayloadId PAYLOAD_ID = PayloadId.fromHex("0x0a0a0a0a0a0a0a0a");
    private static final BlockNumber BLOCK = BlockNumber.of(100);
    private static final Hash32 HASH = Hash32.fromHex("0x" + "33".repeat(32));

    /** op-rbuilder's shape (src/builder/wspub.rs): snake_case, base on index 0, metadata passed on unread. */
    private static final String FIRST =
            """
            {"payload_id":"0x0a0a0a0a0a0a0a0a","index":0,
             "base":{"parent_beacon_block_root":"0x%1$s","parent_hash":"0x%2$s",
               "fee_recipient":"0x4200000000000000000000000000000000000011","prev_randao":"0x%3$s",
               "block_number":"0x64","gas_limit":"0x1c9c380","timestamp":"0x686d6600","extra_data":"0x01",
               "base_fee_per_gas":"0x3b9aca00"},
             "diff":{"state_root":"0x%1$s","receipts_root":"0x%2$s","logs_bloom":"0x%4$s","gas_used":"0xc350",
               "block_hash":"0x%3$s","transactions":["0x7e01"],"withdrawals":[],"withdrawals_root":"0x%1$s",
               "blob_gas_used":"0x0"},
             "metadata":{"block_number":100,"new_account_balances":{"0x4200000000000000000000000000000000000011":"0x1"}}}
            """.formatted("11".repeat(32), "22".repeat(32), "33".repeat(32), "00".repeat(256));

    @Test
    void readsRollupBoostsShapeAndKeepsTheExactTextTheSignatureCovers() throws Exception {
        byte[] json = FIRST.getBytes(StandardCharsets.UTF_8);

        SignedFlashblock signed = SignedFlashblock.fromFrame(frame(sign(json), json));

        Flashblock flashblock = signed.flashblock();
        assertThat(flashblock.payloadId()).isEqualTo(PAYLOAD_ID);
        assertThat(flashblock.index()).isZero();
        assertThat(flashblock.base().blockNumber().value()).isEqualTo(100);
        assertThat(flashblock.diff().gasUsed().value()).isEqualTo(50_000);
        assertThat(flashblock.metadata().get("block_number").asLong()).isEqualTo(100);
        assertThat(signed.json()).isEqualTo(json);
        assertThat(SIGNATURES.recover(signed, BLOCK)).isEqualTo(Secp256k1.address(KEY));
    }

    @Test
    void aRepeatedKeyAnUnknownMemberOrASecondDocumentIsRefused() {
        String duplicate = FIRST.replaceFirst("\"index\":0,", "\"index\":0,\"index\":1,");
        String unknown = FIRST.replaceFirst("\"index\":0,", "\"index\":0,\"priority\":1,");
        String twoDocuments = FIRST + " {}";

        assertThat(problem(duplicate)).contains("index");
        assertThat(problem(unknown)).contains("priority");
        assertThat(problem(twoDocuments)).contains("more than one JSON value");
    }

    @Test
    void aFrameWithoutRoomForTheSignatureAndTextIsRefused() {
        assertThatThrownBy(() -> SignedFlashblock.fromFrame(new byte[BidSignature.LENGTH]))
                .isInstanceOf(FlashblockFormatException.class)
                .hasMessageContaining("65-byte signature followed by the flashblock's JSON");
    }

    @Test
    void theSignatureCoversBlockPayloadIdIndexBlockHashAndText() {
        byte[] json = FIRST.getBytes(StandardCharsets.UTF_8);
        byte[] other = FIRST.replace("\"0x7e01\"", "\"0x7e02\"").getBytes(StandardCharsets.UTF_8);

        Set<Object> digests = Set.of(
                SIGNATURES.digest(BLOCK, PAYLOAD_ID, 0, HASH, json),
                SIGNATURES.digest(BLOCK.next(), PAYLOAD_ID, 0, HASH, json),
                SIGNATURES.digest(BLOCK, PAYLOAD_ID, 1, HASH, json),
                SIGNATURES.digest(BLOCK, PayloadId.fromHex("0x0a0a0a0a0a0a0a0b"), 0, HASH, json),
                SIGNATURES.digest(BLOCK, PAYLOAD_ID, 0, Hash32.fromHex("0x" + "34".repeat(32)), json),
                SIGNATURES.digest(BLOCK, PAYLOAD_ID, 0, HASH, other));
        assertThat(digests).hasSize(6);
    }

    /** Any EIP-712 library computes the same digest (web3j's encoder here). */
    @Test
    void digestEqualsWeb3jStructuredDataEncoder() {
        Property.forAll(
                60, Gen.bytes(), Gen.longs(0, Long.MAX_VALUE), Gen.longs(1, Long.MAX_VALUE), (text, index, chainId) -> {
                    Eip712Domain domain = Eip712Domain.gavel(chainId, SETTLEMENT);
                    String typedData = """
                    {"types":{
                      "EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                                      {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                      "Flashblock":[{"name":"blockNumber","type":"uint64"},{"name":"payloadId","type":"bytes8"},
                                    {"name":"index","type":"uint64"},{"name":"blockHash","type":"bytes32"},
                                    {"name":"flashblock","type":"bytes"}]},
                     "primaryType":"Flashblock",
                     "domain":{"name":"%s","version":"%s","chainId":%d,"verifyingContract":"%s"},
                     "message":{"blockNumber":%d,"payloadId":"%s","index":%d,"blockHash":"%s","flashblock":"%s"}}
                    """.formatted(
                                    domain.name(),
                                    domain.version(),
                                    domain.chainId(),
                                    domain.verifyingContract(),
                                    BLOCK.value(),
                                    PAYLOAD_ID,
                                    index,
                                    HASH,
                                    Hex.encode(text));

                    assertThat(new FlashblockSignatures(domain)
                                    .digest(BLOCK, PAYLOAD_ID, index, HASH, text)
                                    .toArray())
                            .isEqualTo(new StructuredDataEncoder(typedData).hashStructuredData());
                });
    }

    @Test
    void theTypeIsNoneOfTheOtherSignedTypes() {
        assertThat(Set.of(
                        FlashblockSignatures.TYPE,
                        SlotBidSignatures.TYPE,
                        BidSignatures.BID_TYPE,
                        HeaderSignatures.TYPE,
                        ChannelLogins.TYPE))
                .hasSize(5);
        assertThat(FlashblockSignatures.TYPE).startsWith("Flashblock(");
    }

    private static String problem(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try {
            SignedFlashblock.fromFrame(frame(sign(bytes), bytes));
            throw new AssertionError("accepted: " + json);
        } catch (FlashblockFormatException e) {
            assertThat(e.getMessage()).doesNotContain("tools.jackson", "dev.gavel");
            return e.getMessage();
        }
    }

    private static BidSignature sign(byte[] json) {
        return Secp256k1.sign(SIGNATURES.digest(BLOCK, PAYLOAD_ID, 0, HASH, json), KEY);
    }

    private static byte[] frame(BidSignature signature, byte[] json) {
        byte[] frame = Arrays.copyOf(signature.toArray(), BidSignature.LENGTH + json.length);
        System.arraycopy(json, 0, frame, BidSignature.LENGTH, json.length);
        return frame;
    }
}
