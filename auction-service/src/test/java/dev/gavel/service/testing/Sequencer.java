package dev.gavel.service.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Wei;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.SimulatedRollupBoost;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/** What rollup-boost sends Gavel on the sequencer's behalf, step by step. */
public final class Sequencer {
    private Sequencer() {}

    /** newPayload of block {@code number}, as rollup-boost forwards the block the sequencer chose. */
    public static ExecutionPayload declareBlock(EngineClient engine, long number, Random random) throws Exception {
        PayloadAttributes attributes = SimulatedBlocks.attributes(Instant.now().getEpochSecond(), number);
        ExecutionPayloadEnvelope envelope = SimulatedBlocks.envelope(
                BlockNumber.of(number), SimulatedBlocks.hash(random), attributes, Wei.ZERO, 2, random.nextLong());
        JsonNode status = engine.call(
                        "engine_newPayloadV4",
                        envelope.executionPayload(),
                        List.of(),
                        attributes.parentBeaconBlockRoot(),
                        List.of())
                .get("result");
        assertThat(status.get("status").asString()).isEqualTo("ACCEPTED");
        return envelope.executionPayload();
    }

    /** A forkchoice update with attributes on {@code parent}: the payload id of the round it opens. */
    public static PayloadId openRound(EngineClient engine, ExecutionPayload parent, PayloadAttributes attributes)
            throws Exception {
        JsonNode result = engine.call("engine_forkchoiceUpdatedV3", forkchoice(parent.blockHash()), attributes)
                .get("result");
        assertThat(result.get("payloadStatus").get("status").asString()).isEqualTo("VALID");
        return PayloadId.fromHex(result.get("payloadId").asString());
    }

    public static Map<String, Hash32> forkchoice(Hash32 head) {
        return SimulatedRollupBoost.forkchoice(head);
    }
}
