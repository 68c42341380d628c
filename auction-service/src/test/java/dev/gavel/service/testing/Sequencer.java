package dev.gavel.service.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Wei;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.SimulatedRollupBoost;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;
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

    /** A real signed EIP-1559 transfer of 1 wei by {@code user}, as a user sends one to the sequencer. */
    public static String signedTransfer(ECKeyPair user, long nonce) {
        RawTransaction transfer = RawTransaction.createEtherTransaction(
                AuctionFixtures.CHAIN_ID,
                BigInteger.valueOf(nonce),
                BigInteger.valueOf(21_000),
                "0x000000000000000000000000000000000000dead",
                BigInteger.ONE,
                BigInteger.valueOf(1_000_000),
                BigInteger.valueOf(2_000_000_000));
        return Numeric.toHexString(TransactionEncoder.signMessage(transfer, Credentials.create(user)));
    }

    public static Map<String, Hash32> forkchoice(Hash32 head) {
        return SimulatedRollupBoost.forkchoice(head);
    }
}
