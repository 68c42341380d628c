package dev.gavel.bidding.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gavel.bidding.payload.ForkchoiceState;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.seal.BidSubmission;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.PayloadId;
import org.junit.jupiter.api.Test;

/** Problems with a JSON document, told as the field and what it should be: never a Java or Jackson class name. */
class JsonProblemsTest {
    @Test
    void eachProblemNamesTheFieldAndWhatItShouldBe() {
        assertDescribed(SealedBid.class, "{\"header\":\"0x12\",", "not valid JSON: Unexpected end-of-input");
        assertDescribed(SealedBid.class, "", "empty; expected an object");
        assertDescribed(SealedBid.class, "[]", "expected an object");
        assertDescribed(SealedBid.class, "\"a string\"", "expected an object");
        assertDescribed(SealedBid.class, "{}", "header is missing");
        assertDescribed(
                SealedBid.class,
                "{\"header\":12,\"headerSignature\":\"0x11\",\"ciphertext\":\"0x\"}",
                "header: expected 0x-hex data");
        assertDescribed(
                SealedBid.class,
                "{\"header\":\"0x12\",\"headerSignature\":\"0x1\",\"ciphertext\":\"0x\"}",
                "headerSignature: hex data must have an even number of digits");
        assertDescribed(BidSubmission.class, "{\"bid\":[],\"envelope\":{}}", "bid: expected an object");
        assertDescribed(BidSubmission.class, "{\"bid\":{},\"envelope\":{}}", "bid.blockNumber is missing");
        assertDescribed(
                BidSubmission.class,
                "{\"bid\":{\"blockNumber\":\"0x1\",\"parentHash\":\"0x12\"}}",
                "bid.parentHash: a 32-byte hash must be 32 bytes, got 1");
        assertDescribed(
                BidSubmission.class,
                "{\"bid\":{\"blockNumber\":\"0x1\",\"value\":-1}}",
                "bid.value: expected a 0x-hex quantity");
        assertDescribed(ForkchoiceState.class, "{\"headBlockHash\":\"0x01\"}", "headBlockHash: a 32-byte hash");
        assertDescribed(
                PayloadAttributes.class, "{\"timestamp\":\"0x01\"}", "timestamp: a quantity has no leading zeros");
        assertDescribed(PayloadId.class, "12", "expected 0x-hex data");
        assertDescribed(Bytes.class, "\"zz\"", "hex must start with 0x");
    }

    @Test
    void aNullPointerOutsideTheMapperSaysOnlyThatAFieldIsMissing() {
        String message = null;
        try {
            message.length();
        } catch (NullPointerException e) {
            assertThat(JsonProblems.describe(e)).isEqualTo("a required field is missing");
        }
    }

    private static void assertDescribed(Class<?> type, String json, String expected) {
        try {
            WireJson.read(json, type);
            fail("read " + json + " as " + type.getSimpleName());
        } catch (RuntimeException e) {
            assertThat(JsonProblems.describe(e))
                    .as(json)
                    .startsWith(expected)
                    .doesNotContain("dev.gavel", "tools.jackson", "java.", "`", "JsonToken", "Cannot ", "Creator");
        }
    }
}
