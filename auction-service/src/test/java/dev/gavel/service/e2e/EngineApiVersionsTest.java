package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.block.ChainFamily;
import dev.gavel.bidding.block.RpcBlocks;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.core.testing.AuctionFixtures.Offer;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.fixtures.Fixtures;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.Http11;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;

/**
 * The Engine API's versions on a fork schedule with Karst (OP upgrade 19) an hour ahead: getPayloadV5 serves a
 * Karst round (in V4's shape, as op-reth does), V4 serves a Jovian one, and each refuses the other's round with
 * -38005, leaving it open; newPayload pairs V3 and V4 with the block's upgrade, on a real Isthmus block; the
 * capabilities are those served.
 */
class EngineApiVersionsTest {
    static final ECKeyPair ALICE = AuctionFixtures.builderKey(0);
    static final long KARST = Instant.now().getEpochSecond() + 3_600;

    @TempDir
    static Path temp;

    static EmbeddedDatabase database;
    static RunningGavel gavel;
    static EngineClient engine;
    static BuilderClient alice;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        gavel = RunningGavel.start(database, temp.resolve("data"), List.of(ALICE), "--gavel.forks.karst-time=" + KARST);
        engine = gavel.engine();
        alice = new BuilderClient(gavel.http(), Http11.client(), ALICE, AuctionFixtures.DOMAIN, BidEncoding.BINARY);
        alice.fetchAuctionKey();
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
    }

    @Test
    void capabilitiesAreTheMethodsServed() throws Exception {
        JsonNode capabilities = engine.call("engine_exchangeCapabilities", List.of("engine_getPayloadV9"))
                .get("result");

        assertThat(WireJson.MAPPER.treeToValue(capabilities, String[].class))
                .containsExactly(
                        "engine_forkchoiceUpdatedV3",
                        "engine_getPayloadV3",
                        "engine_getPayloadV4",
                        "engine_getPayloadV5",
                        "engine_newPayloadV3",
                        "engine_newPayloadV4");
    }

    @Test
    void getPayloadV5ServesAKarstRoundAndV4IsRefusedWithoutClosingIt() throws Exception {
        ExecutionPayload parent = Sequencer.declareBlock(engine, 5_000, new Random(5));
        PayloadAttributes attributes = SimulatedBlocks.attributes(KARST + 2, 5);
        Offer offer = bid(parent, attributes, 5_000);

        JsonNode v4 =
                engine.call("engine_getPayloadV4", payloadId(parent, attributes).toHex());
        JsonNode v5 =
                engine.call("engine_getPayloadV5", payloadId(parent, attributes).toHex());

        assertThat(v4.get("error").get("code").asInt()).isEqualTo(-38005);
        assertThat(v4.get("error").get("message").asString()).contains("KARST", "engine_getPayloadV5");
        assertThat(WireJson.MAPPER.treeToValue(v5.get("result"), ExecutionPayloadEnvelope.class))
                .as("the round stayed open for V5, which serves the block in V4's shape")
                .isEqualTo(offer.envelope().asV4());
        assertThat(v5.get("result").has("executionRequests")).isTrue();
        assertThat(v5.get("result").get("executionPayload").has("withdrawalsRoot"))
                .isTrue();
    }

    @Test
    void getPayloadV4ServesAJovianRoundAndV5IsRefused() throws Exception {
        ExecutionPayload parent = Sequencer.declareBlock(engine, 6_000, new Random(6));
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(3).getEpochSecond(), 6);
        Offer offer = bid(parent, attributes, 6_000);

        JsonNode v5 =
                engine.call("engine_getPayloadV5", payloadId(parent, attributes).toHex());
        JsonNode v4 =
                engine.call("engine_getPayloadV4", payloadId(parent, attributes).toHex());

        assertThat(v5.get("error").get("code").asInt()).isEqualTo(-38005);
        assertThat(v5.get("error").get("message").asString()).contains("JOVIAN", "engine_getPayloadV4");
        assertThat(WireJson.MAPPER.treeToValue(v4.get("result"), ExecutionPayloadEnvelope.class))
                .isEqualTo(offer.envelope().asV4());
    }

    @Test
    void newPayloadPairsItsVersionWithTheBlocksUpgradeOnARealIsthmusBlock() throws Exception {
        JsonNode block = WireJson.MAPPER.readTree(Fixtures.bytes("payloads/unichain-sepolia-35535698-rpc-block.json"));
        ExecutionPayload isthmus = RpcBlocks.payload(block, ChainFamily.OP_STACK);
        Hash32 beaconRoot = Hash32.fromHex(block.get("parentBeaconBlockRoot").asString());

        JsonNode asV3 = engine.call("engine_newPayloadV3", isthmus.withoutWithdrawalsRoot(), List.of(), beaconRoot);
        JsonNode asV4 = engine.call("engine_newPayloadV4", isthmus, List.of(), beaconRoot, List.of());

        assertThat(asV3.get("error").get("code").asInt()).isEqualTo(-38005);
        assertThat(asV3.get("error").get("message").asString()).contains("engine_newPayloadV4");
        assertThat(asV4.get("result").get("status").asString()).isEqualTo("ACCEPTED");
    }

    private Offer bid(ExecutionPayload parent, PayloadAttributes attributes, long value) throws Exception {
        PayloadId payloadId = Sequencer.openRound(engine, parent, attributes);
        Offer offer =
                AuctionFixtures.offer(ALICE, parent.blockNumber().next(), parent.blockHash(), attributes, value, value);
        assertThat(alice.submit(offer.bid(), offer.envelope(), AuctionFixtures.roundOf(parent.blockHash(), attributes))
                        .get())
                .isInstanceOf(SubmitResult.Accepted.class);
        assertThat(payloadId).isEqualTo(payloadId(parent, attributes));
        return offer;
    }

    private static PayloadId payloadId(ExecutionPayload parent, PayloadAttributes attributes) {
        return ((dev.gavel.bidding.seal.RoundReference.ByPayloadId)
                        AuctionFixtures.roundOf(parent.blockHash(), attributes))
                .payloadId();
    }
}
