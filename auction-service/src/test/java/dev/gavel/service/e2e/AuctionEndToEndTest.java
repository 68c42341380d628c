package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.round.Outcome;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.core.testing.AuctionFixtures.Offer;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.testing.Sql;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Wei;
import dev.gavel.service.testing.ChannelBuilder;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.service.testing.TextSocket;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.Http11;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;

/**
 * The whole service on a real server (random ports, real PostgreSQL): forkchoice updates with real-shaped OP
 * attributes, the build job on the builder channel, three builders bidding over HTTP, getPayloadV4 (V3 refused
 * for a Jovian block), the winners websocket and the history.
 */
class AuctionEndToEndTest {
    static final List<ECKeyPair> BUILDERS =
            List.of(AuctionFixtures.builderKey(0), AuctionFixtures.builderKey(1), AuctionFixtures.builderKey(2));

    @TempDir
    static Path temp;

    static EmbeddedDatabase database;
    static RunningGavel gavel;
    static EngineClient engine;
    static List<BuilderClient> builders = new ArrayList<>();
    final Random random = new Random(42);

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        gavel = RunningGavel.start(database, temp.resolve("data"), BUILDERS);
        engine = gavel.engine();
        for (ECKeyPair key : BUILDERS) {
            builders.add(gavel.builder(key));
        }
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
    }

    @Test
    void threeBuildersBidAndTheWinnersBlockIsServedRecordedAndAnnounced() throws Exception {
        ExecutionPayload parent = declareBlock(1_000);
        try (TextSocket winners = new TextSocket(gavel.ws("/v1/winners"));
                TextSocket channel = new TextSocket(gavel.ws("/v1/builder"))) {
            assertThat(ChannelBuilder.logIn(
                                    channel,
                                    AuctionFixtures.DOMAIN,
                                    BUILDERS.get(0),
                                    builders.get(0).builder(),
                                    null)
                            .path("type")
                            .asString())
                    .isEqualTo("welcome");
            Thread.sleep(300); // let the winners subscription register before the round opens
            PayloadAttributes attributes =
                    SimulatedBlocks.attributes(Instant.now().plusSeconds(3).getEpochSecond(), 1);
            PayloadId payloadId = openRound(parent, attributes);
            JsonNode job = buildJob(channel);
            assertThat(job.get("payloadId").asString()).isEqualTo(payloadId.toHex());
            assertThat(job.get("attributes").get("transactions").get(0).asString())
                    .startsWith("0x7e");

            Map<BuilderClient, Offer> bids = Map.of(
                    builders.get(0),
                    offer(0, parent, attributes, 5_000),
                    builders.get(1),
                    offer(1, parent, attributes, 9_000),
                    builders.get(2),
                    offer(2, parent, attributes, 7_000));
            for (Map.Entry<BuilderClient, Offer> entry : bids.entrySet()) {
                SubmitResult result = entry.getKey()
                        .submit(
                                entry.getValue().bid(),
                                entry.getValue().envelope(),
                                AuctionFixtures.roundOf(entry.getValue().bid().parentHash(), attributes))
                        .get();
                assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
            }

            JsonNode wrongVersion = engine.call("engine_getPayloadV3", payloadId.toHex());
            assertThat(wrongVersion.get("error").get("code").asInt())
                    .as("a Jovian block is not served in the V3 shape")
                    .isEqualTo(-38005);
            JsonNode response = engine.call("engine_getPayloadV4", payloadId.toHex());
            JsonNode payload = response.get("result").get("executionPayload");
            assertThat(payload.get("blockHash").asString())
                    .as("the refused V3 call left the round open")
                    .isEqualTo(bids.get(builders.get(1)).bid().blockHash().toHex());
            assertThat(payload.has("withdrawalsRoot")).isTrue();
            assertThat(response.get("result").get("executionRequests")).isEmpty();
            assertThat(response.get("result").get("parentBeaconBlockRoot").asString())
                    .isEqualTo(attributes.parentBeaconBlockRoot().toHex());

            Outcome outcome = WireJson.read(winners.next(Duration.ofSeconds(5)), Outcome.class);
            assertThat(outcome.winner()).isEqualTo(builders.get(1).builder());
            assertThat(outcome.bidValue()).isEqualTo(Wei.of(9_000));
            assertThat(outcome.price()).isEqualTo(Wei.of(7_000));
            assertThat(outcome.runnerUpValue()).isEqualTo(Wei.of(7_000));
            assertThat(outcome.bidCount()).isEqualTo(3);
            assertThat(outcome.payloadId()).isEqualTo(payloadId);

            assertThat(query("select count(*) from bids where status = 'accepted' and value is not null and round_id = "
                            + outcome.roundId()))
                    .isEqualTo("3");
            assertThat(query("select price from outcomes where round_id = " + outcome.roundId()))
                    .isEqualTo("7000");
            assertThat(query("select winner from auction_results where round_id = " + outcome.roundId()))
                    .isEqualTo(builders.get(1).builder().toHex());
            assertThat(Http11.client()
                            .send(
                                    HttpRequest.newBuilder(URI.create(gavel.management() + "/actuator/prometheus"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .contains(
                            "gavel_bids_total{result=\"accepted\",sender=\"admitted\"}",
                            "gavel_rounds_closed_total{closing=\"get_payload\",winner=\"true\"}",
                            "gavel_history_queued",
                            "gavel_engine_call_seconds_bucket{method=\"engine_getPayloadV4\",result=\"ok\",le=",
                            "gavel_engine_call_seconds_count{method=\"engine_forkchoiceUpdatedV3\",result=\"ok\"}");
            for (String operations : List.of("/actuator/prometheus", "/actuator/health", "/actuator")) {
                assertThat(Http11.client()
                                .send(
                                        HttpRequest.newBuilder(URI.create(gavel.http() + operations))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .as("%s on the builders' public port", operations)
                        .isEqualTo(404);
            }
        }
    }

    @Test
    void getPayloadV4ServesTheIsthmusShapeAndWinnersReplayFromHistory() throws Exception {
        ExecutionPayload parent = declareBlock(2_000);
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(3).getEpochSecond(), 2);
        PayloadId payloadId = openRound(parent, attributes);
        Offer only = offer(0, parent, attributes, 4_000);
        assertThat(builders.get(0)
                        .submit(
                                only.bid(),
                                only.envelope(),
                                AuctionFixtures.roundOf(only.bid().parentHash(), attributes))
                        .get())
                .isInstanceOf(SubmitResult.Accepted.class);

        JsonNode result = engine.call("engine_getPayloadV4", payloadId.toHex()).get("result");

        assertThat(result.get("executionPayload").get("withdrawalsRoot").asString())
                .startsWith("0x");
        assertThat(result.get("executionRequests").isArray()).isTrue();
        assertThat(result.get("blockValue").asString()).isEqualTo("0xfa0");
        try (TextSocket replay = new TextSocket(gavel.ws("/v1/winners?fromBlock=2001"))) {
            List<Outcome> replayed = new ArrayList<>();
            for (String message; (message = replay.next(Duration.ofSeconds(1))) != null; ) {
                replayed.add(WireJson.read(message, Outcome.class));
            }
            assertThat(replayed)
                    .allMatch(o -> o.blockNumber().value() >= 2_001)
                    .extracting(Outcome::roundId)
                    .doesNotHaveDuplicates()
                    .isSorted();
            assertThat(replayed)
                    .filteredOn(o -> o.blockNumber().equals(BlockNumber.of(2_001)))
                    .singleElement()
                    .satisfies(o ->
                            assertThat(o.price()).isEqualTo(Wei.of(1_000))); // alone: second price falls to the reserve
        }
    }

    @Test
    void aBlockAboveTheJsonLimitTravelsAsABinaryFrameWinsAndIsServedAsSent() throws Exception {
        ExecutionPayload parent = declareBlock(3_000);
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(3).getEpochSecond(), 3);
        PayloadId payloadId = openRound(parent, attributes);
        ExecutionPayloadEnvelope big = SimulatedBlocks.envelope(
                parent.blockNumber().next(), parent.blockHash(), attributes, Wei.of(6_000), 3_000, 3);
        Bid bid = new Bid(
                parent.blockNumber().next(),
                parent.blockHash(),
                big.executionPayload().blockHash(),
                Wei.of(6_000),
                builders.get(2).builder());
        BuilderClient binary = new BuilderClient(
                gavel.http(), Http11.client(), BUILDERS.get(2), AuctionFixtures.DOMAIN, BidEncoding.BINARY);
        binary.fetchAuctionKey();
        SealedBid sealed = binary.seal(bid, big, AuctionFixtures.roundOf(parent.blockHash(), attributes));

        SubmitResult asJson = builders.get(2).submitSealed(sealed).get();
        SubmitResult asFrame = binary.submitSealed(sealed).get();

        assertThat(WireJson.write(sealed).length).as("the JSON body").isGreaterThan(256 * 1024);
        assertThat(asJson)
                .isInstanceOfSatisfying(
                        SubmitResult.Rejected.class,
                        rejected -> assertThat(rejected.error().code()).isEqualTo(RejectionCode.BODY_TOO_LARGE));
        assertThat(asFrame).isInstanceOf(SubmitResult.Accepted.class);
        JsonNode served = engine.call("engine_getPayloadV4", payloadId.toHex()).get("result");
        assertThat(WireJson.MAPPER.treeToValue(served, ExecutionPayloadEnvelope.class))
                .isEqualTo(big);
    }

    @Test
    void aWonBlockIsPayableOnlyOnceTheSafeChainIncludesIt() throws Exception {
        ExecutionPayload parent = declareBlock(5_000);
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(3).getEpochSecond(), 5);
        PayloadId included = openRound(parent, attributes);
        Offer winner = offer(0, parent, attributes, 3_000);
        builders.get(0)
                .submit(
                        winner.bid(),
                        winner.envelope(),
                        AuctionFixtures.roundOf(winner.bid().parentHash(), attributes))
                .get();
        engine.call("engine_getPayloadV4", included.toHex());
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        "1".equals(query("select count(*) from outcomes where block_number = 5001"))); // group commit
        long round = Long.parseLong(query("select round_id from outcomes where block_number = 5001"));
        assertThat(awaitSettlementState(round, "pending")).isEqualTo("pending");

        JsonNode status = engine.call(
                        "engine_newPayloadV4",
                        winner.envelope().executionPayload(),
                        List.of(),
                        winner.envelope().parentBeaconBlockRoot(),
                        List.of())
                .get("result");

        assertThat(status.get("status").asString()).isEqualTo("ACCEPTED");
        engine.call(
                "engine_forkchoiceUpdatedV3",
                Map.of(
                        "headBlockHash",
                        winner.bid().blockHash(),
                        "safeBlockHash",
                        parent.blockHash(),
                        "finalizedBlockHash",
                        parent.blockHash()),
                null);
        assertThat(awaitSettlementState(round, "pending"))
                .as("at the head, but not yet safe")
                .isEqualTo("pending");
        engine.call(
                "engine_forkchoiceUpdatedV3", Sequencer.forkchoice(winner.bid().blockHash()), null);
        assertThat(awaitSettlementState(round, "payable")).isEqualTo("payable");
        Offer sequencersOwn = offer(1, parent, attributes, 1);
        engine.call(
                "engine_newPayloadV4",
                sequencersOwn.envelope().executionPayload(),
                List.of(),
                sequencersOwn.envelope().parentBeaconBlockRoot(),
                List.of());
        engine.call(
                "engine_forkchoiceUpdatedV3",
                Sequencer.forkchoice(sequencersOwn.bid().blockHash()),
                null);
        assertThat(awaitSettlementState(round, "not_included"))
                .as("a reorg to another block at that height")
                .isEqualTo("not_included");
    }

    private static String awaitSettlementState(long round, String state) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> state.equals(query("select state from outcome_settlements where round_id = " + round)));
        return state;
    }

    @Test
    void aRoundWithoutValidBidsIsAnErrorSoTheSequencerBuildsItself() throws Exception {
        ExecutionPayload parent = declareBlock(3_000);
        PayloadId payloadId = openRound(
                parent, SimulatedBlocks.attributes(Instant.now().plusSeconds(3).getEpochSecond(), 3));

        JsonNode response = engine.call("engine_getPayloadV4", payloadId.toHex());

        assertThat(response.has("result")).isFalse();
        assertThat(response.get("error").get("code").asInt()).isEqualTo(-32000);
        assertThat(response.get("error").get("message").asString()).contains("no valid bid");
    }

    @Test
    void fcuAgainWithTheSameAttributesAnswersTheSamePayloadId() throws Exception {
        ExecutionPayload parent = declareBlock(4_000);
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(3).getEpochSecond(), 4);

        assertThat(openRound(parent, attributes)).isEqualTo(openRound(parent, attributes));
    }

    @Test
    void anUnknownParentAnswersSyncingWithoutAPayloadId() throws Exception {
        Hash32 unknown = SimulatedBlocks.hash(new Random(-1));
        JsonNode result = engine.call(
                        "engine_forkchoiceUpdatedV3",
                        Sequencer.forkchoice(unknown),
                        SimulatedBlocks.attributes(Instant.now().getEpochSecond(), 5))
                .get("result");

        assertThat(result.get("payloadStatus").get("status").asString()).isEqualTo("SYNCING");
        assertThat(result.get("payloadId").isNull()).isTrue();
    }

    static ExecutionPayload declareBlock(long number) throws Exception {
        return Sequencer.declareBlock(engine, number, new Random(number));
    }

    static PayloadId openRound(ExecutionPayload parent, PayloadAttributes attributes) throws Exception {
        return Sequencer.openRound(engine, parent, attributes);
    }

    Offer offer(int builder, ExecutionPayload parent, PayloadAttributes attributes, long value) {
        return AuctionFixtures.offer(
                BUILDERS.get(builder),
                parent.blockNumber().next(),
                parent.blockHash(),
                attributes,
                value,
                random.nextLong());
    }

    /** The next build job the builder channel pushes, past the chain's blocks and forkchoice states. */
    private static JsonNode buildJob(TextSocket channel) throws InterruptedException {
        while (true) {
            JsonNode message = ChannelBuilder.next(channel);
            if (message.path("type").asString().equals("buildJob")) {
                return message.path("job");
            }
        }
    }

    static String query(String sql) throws Exception {
        return Sql.scalar(database.dataSource(), sql);
    }
}
