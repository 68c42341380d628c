package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.bid.SignedBid;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.engine.EngineJwt;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.seal.AuctionKeyPair;
import dev.gavel.bidding.seal.BidSealer;
import dev.gavel.bidding.seal.BidSubmission;
import dev.gavel.bidding.seal.RoundReference;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.core.testing.AuctionFixtures.Offer;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.testing.Sql;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.service.testing.RawHttp;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.Http11;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;

/** Bad input over the real wire: each gets its specific error, and the auction's state does not change. */
class BadInputTest {
    static final ECKeyPair ALICE = AuctionFixtures.builderKey(0);
    static final ECKeyPair MALLORY = AuctionFixtures.builderKey(7);
    /** What a message in the builders' own terms never holds: Java or Jackson names. */
    static final String[] JAVA_WORDS = {"dev.gavel", "tools.jackson", "java.", "`", "JsonToken", "Exception"};

    @TempDir
    static Path temp;

    static EmbeddedDatabase database;
    static RunningGavel gavel;
    static EngineClient engine;
    static BuilderClient alice;
    final HttpClient http = Http11.client();

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        gavel = RunningGavel.start(database, temp.resolve("data"), List.of(ALICE));
        engine = gavel.engine();
        alice = gavel.builder(ALICE);
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
    }

    @Test
    void everyBadBidIsRefusedWithItsCodeAndTheRoundIsUntouched() throws Exception {
        ExecutionPayload parent = Sequencer.declareBlock(engine, 10_000, new Random(1));
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(3).getEpochSecond(), 10);
        PayloadId payloadId = Sequencer.openRound(engine, parent, attributes);
        Offer offer = offer(ALICE, parent, attributes, 5_000, 1);
        Bid good = offer.bid();
        RoundReference round = AuctionFixtures.roundOf(parent.blockHash(), attributes);
        SealedBid sealed = alice.seal(good, offer.envelope(), round);

        assertRefused(postRaw("{\"keyId\":1,"), 400, RejectionCode.MALFORMED_REQUEST);
        assertRefused(
                postRaw("{\"keyId\":1," + "\"x\":\"" + "a".repeat(300 * 1024) + "\"}"),
                413,
                RejectionCode.BODY_TOO_LARGE);
        assertRefused(
                post(AuctionFixtures.sealedBid(
                        AuctionKeyPair.generate(9),
                        ALICE,
                        good.blockNumber(),
                        parent.blockHash(),
                        attributes,
                        5_000,
                        2)),
                400,
                RejectionCode.UNKNOWN_KEY_ID);
        assertRefused(post(withCiphertextBitFlipped(sealed)), 400, RejectionCode.DECRYPTION_FAILED);
        assertRefused(post(signedBy(MALLORY, offer, round)), 403, RejectionCode.SIGNER_MISMATCH);
        assertRefused(post(withSignatureV(offer, 29, round)), 400, RejectionCode.BAD_SIGNATURE);
        Offer mallorys = offer(MALLORY, parent, attributes, 5_000, 3);
        assertRefused(
                gavel.builder(MALLORY)
                        .submit(
                                mallorys.bid(),
                                mallorys.envelope(),
                                AuctionFixtures.roundOf(mallorys.bid().parentHash(), attributes))
                        .get(),
                403,
                RejectionCode.UNKNOWN_BUILDER);
        Bid wrongNumber =
                new Bid(BlockNumber.of(99), parent.blockHash(), good.blockHash(), good.value(), good.builder());
        assertRefused(post(alice.seal(wrongNumber, offer.envelope(), round)), 422, RejectionCode.WRONG_BLOCK_NUMBER);
        Bid wrongParent = new Bid(
                good.blockNumber(),
                Hash32.fromHex("0x" + "ee".repeat(32)),
                good.blockHash(),
                good.value(),
                good.builder());
        assertRefused(post(alice.seal(wrongParent, offer.envelope(), round)), 409, RejectionCode.WRONG_PARENT);
        Offer cheap = offer(ALICE, parent, attributes, 999, 4);
        assertRefused(
                alice.submit(
                                cheap.bid(),
                                cheap.envelope(),
                                AuctionFixtures.roundOf(cheap.bid().parentHash(), attributes))
                        .get(),
                422,
                RejectionCode.BELOW_RESERVE);
        Offer forOtherAttributes = offer(
                ALICE, parent, SimulatedBlocks.attributes(attributes.timestamp().value(), 11), 5_000, 6);
        assertRefused(
                alice.submit(
                                forOtherAttributes.bid(),
                                forOtherAttributes.envelope(),
                                AuctionFixtures.roundOf(forOtherAttributes.bid().parentHash(), attributes))
                        .get(),
                422,
                RejectionCode.WRONG_PREV_RANDAO);

        assertThat(alice.submitSealed(sealed).get()).isInstanceOf(SubmitResult.Accepted.class);
        assertRefused(alice.submitSealed(sealed).get(), 409, RejectionCode.DUPLICATE_BID);

        JsonNode winner = engine.call("engine_getPayloadV4", payloadId.toHex()).get("result");
        assertThat(winner.get("executionPayload").get("blockHash").asString())
                .isEqualTo(good.blockHash().toHex());
        assertThat(query("select count(*) from bids where status = 'accepted' and block_number = "
                        + good.blockNumber().value()))
                .isEqualTo("1");
        assertThat(query("select count(*) from bids where status = 'rejected' and rejection_code = 'SIGNER_MISMATCH'"))
                .isEqualTo("1");
    }

    /**
     * Builders keep their connections alive: the request after a refusal on the same connection is answered.
     * Reactor Netty 1.3.6 could leave it unread (reactor/reactor-netty#4361); a stall fails the read timeout.
     */
    @Test
    void aKeptAliveConnectionAnswersTheNextRequestAfterA403AndA413() throws Exception {
        ExecutionPayload parent = Sequencer.declareBlock(engine, 30_000, new Random(3));
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(60).getEpochSecond(), 30);
        Sequencer.openRound(engine, parent, attributes);
        Offer mallorys = offer(MALLORY, parent, attributes, 5_000, 7);
        byte[] unknownBuilder = WireJson.write(gavel.builder(MALLORY)
                .seal(mallorys.bid(), mallorys.envelope(), AuctionFixtures.roundOf(parent.blockHash(), attributes)));
        byte[] tooLarge = ("{\"x\":\"" + "a".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        Map<String, String> json = Map.of("Content-Type", "application/json");
        byte[] none = new byte[0];

        try (RawHttp connection = new RawHttp(gavel.http(), Duration.ofSeconds(10))) {
            for (int i = 0; i < 20; i++) {
                assertThat(connection
                                .exchange("POST", "/v1/bids", json, unknownBuilder)
                                .status())
                        .isEqualTo(403);
                assertThat(connection
                                .exchange("GET", "/v1/auction-key", Map.of(), none)
                                .status())
                        .as("the request after a 403, round %d", i)
                        .isEqualTo(200);
                assertThat(connection
                                .exchange("POST", "/v1/bids", json, tooLarge)
                                .status())
                        .isEqualTo(413);
                assertThat(connection
                                .exchange("GET", "/v1/auction-key", Map.of(), none)
                                .status())
                        .as("the request after a 413, round %d", i)
                        .isEqualTo(200);
            }
        }
        HttpClient keptAlive = Http11.client();
        for (int i = 0; i < 20; i++) {
            assertThat(send(keptAlive, post(unknownBuilder)).statusCode()).isEqualTo(403);
            assertThat(send(keptAlive, auctionKey()).statusCode()).isEqualTo(200);
            assertThat(send(keptAlive, post(tooLarge)).statusCode()).isEqualTo(413);
            assertThat(send(keptAlive, auctionKey()).statusCode()).isEqualTo(200);
        }
    }

    private HttpRequest post(byte[] body) {
        return HttpRequest.newBuilder(URI.create(gavel.http() + "/v1/bids"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private HttpRequest auctionKey() {
        return HttpRequest.newBuilder(URI.create(gavel.http() + "/v1/auction-key"))
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBidAfterTheCutOffIsLate() throws Exception {
        ExecutionPayload parent = Sequencer.declareBlock(engine, 20_000, new Random(2));
        PayloadAttributes attributes = SimulatedBlocks.attributes(Instant.now().getEpochSecond(), 20);
        Sequencer.openRound(engine, parent, attributes);
        Thread.sleep(Duration.ofSeconds(1));
        Offer late = offer(ALICE, parent, attributes, 5_000, 5);

        assertRefused(
                alice.submit(
                                late.bid(),
                                late.envelope(),
                                AuctionFixtures.roundOf(late.bid().parentHash(), attributes))
                        .get(),
                409,
                RejectionCode.LATE_BID);
    }

    @Test
    void theEngineApiRefusesBadTokensAndUnknownPayloads() throws Exception {
        EngineJwt wrongSecret = new EngineJwt(new byte[32], Clock.systemUTC(), Duration.ofSeconds(60));
        EngineJwt right = gavel.jwt();
        double rejectedBefore = gavel.metric("gavel_engine_jwt_rejected_total");

        assertThat(engine.post(null, "eth_getBlockByNumber", "latest", false).statusCode())
                .isEqualTo(401);
        assertThat(engine.post(wrongSecret.mint(), "eth_getBlockByNumber", "latest", false)
                        .body())
                .contains("signature does not match");
        HttpResponse<String> stale =
                engine.post(right.mint(Instant.now().getEpochSecond() - 120), "eth_getBlockByNumber", "latest", false);
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.body()).contains("token issued 120 s ago");
        assertThat(gavel.metric("gavel_engine_jwt_rejected_total"))
                .as("three tokens refused")
                .isEqualTo(rejectedBefore + 3);
        assertThat(engine.post(right.mint(), "eth_getBlockByNumber", "latest", false)
                        .statusCode())
                .isEqualTo(200);

        JsonNode unknown = engine.call("engine_getPayloadV4", "0x0400000000000001");
        assertThat(unknown.get("error").get("code").asInt()).isEqualTo(-38001);
        JsonNode badAttributes = engine.call(
                "engine_forkchoiceUpdatedV3",
                Sequencer.forkchoice(Hash32.fromHex("0x" + "01".repeat(32))),
                Map.of("timestamp", "0x01"));
        assertThat(badAttributes.get("error").get("code").asInt()).isEqualTo(-38003);
        JsonNode badPayload =
                engine.call("engine_newPayloadV3", Map.of("blockHash", "0xzz")).get("error");
        assertThat(badPayload.get("code").asInt()).isEqualTo(-32602);
        assertThat(badPayload.get("message").asString())
                .isEqualTo(
                        "parameter 0 (execution payload) is not valid: blockHash: not a hex digit at position 2: \"0xzz\"");
        assertThat(badAttributes.get("error").get("message").asString()).doesNotContain(JAVA_WORDS);
        assertThat(engine.call("engine_getPayloadV4", 12)
                        .get("error")
                        .get("message")
                        .asString())
                .isEqualTo("parameter 0 (payload id) is not valid: expected 0x-hex data");
    }

    /** MALFORMED_* answers tell a builder which field is wrong and how, in the wire format's words. */
    @Test
    void malformedBidsAreExplainedInTheWireFormatsTerms() throws Exception {
        ExecutionPayload parent = Sequencer.declareBlock(engine, 50_000, new Random(4));
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(30).getEpochSecond(), 50);
        Sequencer.openRound(engine, parent, attributes);
        Offer offer = offer(ALICE, parent, attributes, 5_000, 8);
        SealedBid notABid = new BidSealer(alice.fetchAuctionKey(), AuctionFixtures.HEADERS)
                .seal(
                        "{\"bid\":[],\"envelope\":{}}".getBytes(StandardCharsets.UTF_8),
                        offer.bid(),
                        AuctionFixtures.roundOf(parent.blockHash(), attributes),
                        ALICE);

        String headerFirst = "a sealed bid starts with its header and headerSignature members: "
                + "{\"header\": \"0x…\", \"headerSignature\": \"0x…\", \"ciphertext\": \"0x…\"} (docs/builder-api.md)";
        assertMessage(postRaw("[]"), RejectionCode.MALFORMED_REQUEST, headerFirst);
        assertMessage(postRaw("{}"), RejectionCode.MALFORMED_REQUEST, headerFirst);
        assertMessage(
                postRaw("{\"header\":12,\"headerSignature\":\"0x11\",\"ciphertext\":\"0x\"}"),
                RejectionCode.MALFORMED_REQUEST,
                headerFirst);
        assertThat(post(notABid)).isInstanceOfSatisfying(SubmitResult.Rejected.class, rejected -> {
            assertThat(rejected.error().code()).isEqualTo(RejectionCode.MALFORMED_BID);
            assertThat(rejected.error().message())
                    .endsWith("bid: expected an object")
                    .doesNotContain(JAVA_WORDS);
        });
    }

    /** A bid refused BODY_TOO_LARGE is never read, so never recorded, but it is counted. */
    @Test
    void anOversizedBidIsCountedThoughNotRecorded() throws Exception {
        double before = oversizedCount();

        assertRefused(postRaw("{\"x\":\"" + "a".repeat(300 * 1024) + "\"}"), 413, RejectionCode.BODY_TOO_LARGE);

        assertThat(oversizedCount()).isEqualTo(before + 1);
        assertThat(query("select count(*) from bids where rejection_code = 'BODY_TOO_LARGE'"))
                .isEqualTo("0");
    }

    private double oversizedCount() throws Exception {
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create(gavel.management() + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher count = Pattern.compile("(?m)^gavel_bids_total\\{[^}]*result=\"BODY_TOO_LARGE\"[^}]*} (\\S+)$")
                .matcher(metrics);
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }

    private static void assertMessage(HttpResponse<String> response, RejectionCode code, String message) {
        Rejection rejection = WireJson.read(response.body(), Rejection.class);
        assertThat(rejection.code()).isEqualTo(code);
        assertThat(rejection.message()).endsWith(message).doesNotContain(JAVA_WORDS);
    }

    /** A body is read only when its Content-Length says it fits: chunked and oversized ones are refused first. */
    @Test
    void theEngineApiRefusesChunkedAndOversizedBodiesBeforeReadingThem() throws Exception {
        String token = "Bearer " + gavel.jwt().mint();
        byte[] call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"latest\",false]}"
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = http.send(
                HttpRequest.newBuilder(gavel.engineUri())
                        .header("Authorization", token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(call)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("chunked body is not accepted");

        long limit = 64L * 1024 * 1024;
        for (String length : List.of(Long.toString(limit + 1), "3000000000")) {
            RawHttp.Response refused = announceOnly(token, length);
            assertThat(refused.status()).as("Content-Length " + length).isEqualTo(413);
            assertThat(refused.body()).contains("exceeds the limit of " + limit);
        }
        assertThat(announceOnly(token, "99999999999999999999999").status())
                .as("a length no long holds: Netty's decoder refuses it")
                .isEqualTo(400);
        try (RawHttp connection = new RawHttp(gavel.engineUri(), Duration.ofSeconds(5))) {
            assertThat(connection
                            .exchange(
                                    "POST",
                                    "/",
                                    Map.of("Authorization", token, "Content-Type", "application/json"),
                                    call)
                            .status())
                    .isEqualTo(200);
        }
    }

    /** A request that announces a body of {@code length} bytes and sends none: an answer shows it was not waited for. */
    private RawHttp.Response announceOnly(String token, String length) throws Exception {
        try (RawHttp connection = new RawHttp(gavel.engineUri(), Duration.ofSeconds(5))) {
            connection.send(
                    "POST",
                    "/",
                    Map.of("Authorization", token, "Content-Type", "application/json", "Content-Length", length),
                    new byte[0]);
            return connection.read();
        }
    }

    private static Offer offer(
            ECKeyPair key, ExecutionPayload parent, PayloadAttributes attributes, long value, long seed) {
        return AuctionFixtures.offer(key, parent.blockNumber().next(), parent.blockHash(), attributes, value, seed);
    }

    private SealedBid signedBy(ECKeyPair signer, Offer offer, RoundReference round) throws Exception {
        BidSubmission submission = new BidSubmission(
                new BidSignatures(AuctionFixtures.DOMAIN).sign(offer.bid(), signer), offer.envelope());
        return sealedByAlice(submission, round);
    }

    private SealedBid withSignatureV(Offer offer, int v, RoundReference round) throws Exception {
        byte[] signature = new BidSignatures(AuctionFixtures.DOMAIN)
                .sign(offer.bid(), ALICE)
                .signature()
                .toArray();
        signature[64] = (byte) v;
        BidSubmission submission =
                new BidSubmission(new SignedBid(offer.bid(), BidSignature.of(signature)), offer.envelope());
        return sealedByAlice(submission, round);
    }

    /** Sealed under a header alice signs, whatever the bid inside. */
    private SealedBid sealedByAlice(BidSubmission submission, RoundReference round) throws Exception {
        return new BidSealer(alice.fetchAuctionKey(), AuctionFixtures.HEADERS).seal(submission, round, ALICE);
    }

    private static SealedBid withCiphertextBitFlipped(SealedBid sealed) {
        byte[] ciphertext = sealed.ciphertext().toArray();
        ciphertext[7] ^= 1;
        return new SealedBid(sealed.header(), sealed.headerSignature(), Bytes.of(ciphertext));
    }

    private SubmitResult post(SealedBid sealed) throws Exception {
        return alice.submitSealed(sealed).get();
    }

    private HttpResponse<String> postRaw(String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(gavel.http() + "/v1/bids"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, int status, RejectionCode code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(WireJson.read(response.body(), Rejection.class).code()).isEqualTo(code);
    }

    private static void assertRefused(SubmitResult result, int status, RejectionCode code) {
        assertThat(result).isInstanceOfSatisfying(SubmitResult.Rejected.class, rejected -> {
            assertThat(rejected.error().code()).as(rejected.error().message()).isEqualTo(code);
            assertThat(rejected.httpStatus()).isEqualTo(status);
        });
    }

    private static String query(String sql) throws Exception {
        return Sql.scalar(database.dataSource(), sql);
    }
}
