package dev.gavel.bidding.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Hex;
import dev.gavel.primitives.Wei;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

class WireJsonTest {
    @Test
    void envelopesSurviveTheWire() {
        Property.forAll(
                30, Gen.longs(1, 4_000_000_000L), Gen.ints(0, 20), Gen.longs(), (timestamp, transactions, seed) -> {
                    PayloadAttributes attributes = SimulatedBlocks.attributes(timestamp, seed);
                    ExecutionPayloadEnvelope envelope = SimulatedBlocks.envelope(
                            BlockNumber.of(timestamp / 2),
                            Hash32.fromHex("0x" + "01".repeat(32)),
                            attributes,
                            Wei.of(seed & Long.MAX_VALUE),
                            transactions,
                            seed);

                    assertThat(WireJson.read(WireJson.write(envelope), ExecutionPayloadEnvelope.class))
                            .isEqualTo(envelope);
                    assertThat(WireJson.read(WireJson.write(attributes), PayloadAttributes.class))
                            .isEqualTo(attributes);
                });
    }

    /** DATA read from the JSON parser's character buffer is what decoding the String gives, in either case. */
    @Test
    void dataReadFromTheWireDecodesAsTheString() {
        Property.forAll(200, Gen.bytes(), Gen.booleans(), (bytes, upperCase) -> {
            String digits = Hex.encode(bytes).substring(2);
            String hex = "0x" + (upperCase ? digits.toUpperCase() : digits);

            assertThat(WireJson.read("\"" + hex + "\"", Bytes.class).toArray())
                    .isEqualTo(bytes)
                    .isEqualTo(Hex.decode(hex));
        });
    }

    @Test
    void v3EnvelopeHasNeitherWithdrawalsRootNorExecutionRequests() {
        ExecutionPayloadEnvelope envelope = sampleEnvelope();

        JsonNode v3 = WireJson.MAPPER.valueToTree(envelope.asV3());
        JsonNode v4 = WireJson.MAPPER.valueToTree(envelope.asV4());

        assertThat(v3.has("executionRequests")).isFalse();
        assertThat(v3.get("executionPayload").has("withdrawalsRoot")).isFalse();
        assertThat(v4.get("executionRequests").isArray()).isTrue();
        assertThat(v4.get("executionPayload").get("withdrawalsRoot").asString()).startsWith("0x");
        assertThat(v4.get("executionPayload").get("blockNumber").asString()).isEqualTo("0x2a");
        assertThat(v4.get("blockValue").asString()).isEqualTo("0x3e8");
    }

    @Test
    void minBaseFeeIsReadAsNumberOrHexAndWrittenAsNumber() {
        String base = WireJson.writeString(SimulatedBlocks.attributes(1_700_000_000L, 1));

        PayloadAttributes fromNumber =
                WireJson.read(base.replace("\"minBaseFee\":1", "\"minBaseFee\":250"), PayloadAttributes.class);
        PayloadAttributes fromHex =
                WireJson.read(base.replace("\"minBaseFee\":1", "\"minBaseFee\":\"0xfa\""), PayloadAttributes.class);

        assertThat(base).contains("\"minBaseFee\":1");
        assertThat(fromNumber.minBaseFee().value()).isEqualTo(250);
        assertThat(fromHex.minBaseFee().value()).isEqualTo(250);
    }

    @Test
    void aRejectionTravelsAsCodeAndMessage() {
        Rejection rejection = new Rejection(RejectionCode.PAYLOAD_MISMATCH, "payload blockHash 0x01 differs");

        assertThat(WireJson.writeString(rejection))
                .isEqualTo("{\"code\":\"PAYLOAD_MISMATCH\",\"message\":\"payload blockHash 0x01 differs\"}");
        assertThat(WireJson.read(WireJson.write(rejection), Rejection.class)).isEqualTo(rejection);
    }

    @Test
    void auctionFormatsAreWrittenByName() {
        assertThat(WireJson.writeString(AuctionFormat.SECOND_PRICE)).isEqualTo("\"second-price\"");
        assertThat(WireJson.read("\"first-price\"", AuctionFormat.class)).isEqualTo(AuctionFormat.FIRST_PRICE);
        assertThatThrownBy(() -> WireJson.read("\"third-price\"", AuctionFormat.class))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("unknown auction format");
    }

    @Test
    void malformedValuesNameTheProblem() {
        String good = WireJson.writeString(sampleEnvelope());

        assertThatThrownBy(() -> WireJson.read(
                        good.replace("\"blockValue\":\"0x3e8\"", "\"blockValue\":\"0x03e8\""),
                        ExecutionPayloadEnvelope.class))
                .hasMessageContaining("leading zeros");
        assertThatThrownBy(() -> WireJson.read(
                        good.replaceFirst("\"parentHash\":\"0x01", "\"parentHash\":\"0x1"),
                        ExecutionPayloadEnvelope.class))
                .hasMessageContaining("even number of digits");
        assertThatThrownBy(() -> WireJson.read("{\"executionPayload\":", ExecutionPayloadEnvelope.class))
                .isInstanceOf(JacksonException.class);
    }

    private static ExecutionPayloadEnvelope sampleEnvelope() {
        return SimulatedBlocks.envelope(
                BlockNumber.of(42),
                Hash32.fromHex("0x" + "01".repeat(32)),
                SimulatedBlocks.attributes(1_700_000_000L, 3),
                Wei.of(1000),
                3,
                3);
    }
}
