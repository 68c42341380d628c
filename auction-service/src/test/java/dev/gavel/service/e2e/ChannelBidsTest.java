package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.bidding.seal.RoundReference;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.core.testing.AuctionFixtures.Offer;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.testing.Sql;
import dev.gavel.primitives.Keccak;
import dev.gavel.primitives.PayloadId;
import dev.gavel.service.testing.ChannelBuilder;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.service.testing.TextSocket;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.Http11;
import java.nio.charset.StandardCharsets;
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
 * Sealed bids on /v1/builder over the real wire: a binary frame and a JSON text frame go through the same intake
 * as POST /v1/bids (same checks, same limits of the same builder, the same durable acknowledgement) and are
 * answered on the channel with POST /v1/bids's codes; a bid naming another builder than the channel's is refused.
 */
class ChannelBidsTest {
    static final ECKeyPair ALICE = AuctionFixtures.builderKey(0);
    static final ECKeyPair BOB = AuctionFixtures.builderKey(1);
    static final ECKeyPair CAROL = AuctionFixtures.builderKey(2);
    static final int BURST = 3;

    @TempDir
    static Path temp;

    static EmbeddedDatabase database;
    static RunningGavel gavel;
    static EngineClient engine;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        gavel = RunningGavel.start(
                database,
                temp.resolve("data"),
                List.of(ALICE, BOB, CAROL),
                "--gavel.bids.burst-per-builder=" + BURST,
                "--gavel.bids.rate-per-builder=0.001");
        engine = gavel.engine();
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
    }

    @Test
    void aBinaryFrameAndAJsonFrameAreAcceptedOnceDurableAndTakePartInTheRound() throws Exception {
        Round round = openRound(80_000);
        Offer lower = round.offer(ALICE, 5_000);
        Offer higher = round.offer(ALICE, 6_000);
        SealedBid binary = sealed(ALICE, BidEncoding.BINARY, lower, round);
        SealedBid json = sealed(ALICE, BidEncoding.JSON, higher, round);

        try (TextSocket channel = loggedIn(ALICE)) {
            channel.sendBinary(binary.toFrame());
            channel.send(new String(BidEncoding.JSON.body(json), StandardCharsets.UTF_8));

            JsonNode first = bidResult(channel);
            JsonNode second = bidResult(channel);
            JsonNode binaryAnswer = first.path("frame").asLong() == 1 ? first : second;
            JsonNode jsonAnswer = first.path("frame").asLong() == 1 ? second : first;
            assertAccepted(binaryAnswer, binary, lower);
            assertAccepted(jsonAnswer, json, higher);
        }
        assertThat(query("select count(*) from bids where status = 'accepted' and builder = '\\x"
                        + AuctionFixtures.address(ALICE).toHex().substring(2) + "'"))
                .as("both recorded before they were acknowledged")
                .isEqualTo("2");
        JsonNode served = engine.call("engine_getPayloadV4", round.payloadId().toHex())
                .path("result")
                .path("executionPayload");
        assertThat(served.path("blockHash").asString())
                .as("the higher channel bid won the round")
                .isEqualTo(higher.bid().blockHash().toHex());
    }

    @Test
    void aBidNamingAnotherBuilderThanTheChannelsIsRefusedAndNotRecorded() throws Exception {
        Round round = openRound(81_000);
        SealedBid bobs = sealed(BOB, BidEncoding.BINARY, round.offer(BOB, 7_000), round);

        try (TextSocket channel = loggedIn(ALICE)) {
            channel.sendBinary(bobs.toFrame());

            JsonNode answer = bidResult(channel);
            assertThat(answer.path("status").asInt()).isEqualTo(403);
            assertThat(answer.path("code").asString()).isEqualTo("NOT_CHANNEL_BUILDER");
            assertThat(answer.path("message").asString())
                    .contains(
                            AuctionFixtures.address(BOB).toHex(),
                            AuctionFixtures.address(ALICE).toHex());
            assertThat(answer.path("headerHash").asString()).isEqualTo(headerHash(bobs));
        }
        assertThat(query("select count(*) from bids where builder = '\\x"
                        + AuctionFixtures.address(BOB).toHex().substring(2) + "'"))
                .isEqualTo("0");
    }

    @Test
    void theChannelAnswersWithTheHttpCodesAndSpendsTheSameLimitsAsHttp() throws Exception {
        Round round = openRound(82_000);
        BuilderClient carol = client(CAROL, BidEncoding.BINARY);
        SealedBid overHttp = sealed(CAROL, BidEncoding.BINARY, round.offer(CAROL, 3_000), round);
        assertThat(carol.submitSealed(overHttp).get()).isInstanceOf(SubmitResult.Accepted.class);

        try (TextSocket channel = loggedIn(CAROL)) {
            channel.send("{\"not\": \"a sealed bid\"}");
            JsonNode malformed = bidResult(channel);
            assertThat(malformed.path("frame").asLong()).isEqualTo(1);
            assertThat(malformed.path("status").asInt()).isEqualTo(400);
            assertThat(malformed.path("code").asString()).isEqualTo("MALFORMED_REQUEST");
            assertThat(malformed.has("headerHash"))
                    .as("no header to name it by")
                    .isFalse();

            channel.sendBinary(overHttp.toFrame());
            JsonNode duplicate = bidResult(channel);
            assertThat(duplicate.path("status").asInt()).isEqualTo(409);
            assertThat(duplicate.path("code").asString()).isEqualTo("DUPLICATE_BID");

            Offer third = round.offer(CAROL, 4_000);
            channel.sendBinary(sealed(CAROL, BidEncoding.BINARY, third, round).toFrame());
            assertThat(bidResult(channel).path("status").asInt())
                    .as("the last bid of the burst, counting the one over HTTP")
                    .isEqualTo(202);

            channel.sendBinary(sealed(CAROL, BidEncoding.BINARY, round.offer(CAROL, 4_500), round)
                    .toFrame());
            JsonNode limited = bidResult(channel);
            assertThat(limited.path("status").asInt()).isEqualTo(429);
            assertThat(limited.path("code").asString()).isEqualTo("RATE_LIMITED");
        }
        Offer fifth = round.offer(CAROL, 5_000);
        SubmitResult overHttpAgain =
                carol.submit(fifth.bid(), fifth.envelope(), round.reference()).get();
        assertThat(overHttpAgain)
                .as("the channel's bids spent the same bucket")
                .isInstanceOfSatisfying(
                        SubmitResult.Rejected.class,
                        rejected -> assertThat(rejected.httpStatus()).isEqualTo(429));
    }

    private static void assertAccepted(JsonNode answer, SealedBid sealed, Offer offer) {
        assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.path("headerHash").asString()).isEqualTo(headerHash(sealed));
        assertThat(answer.path("bidId").asString())
                .isEqualTo(new BidSignatures(AuctionFixtures.DOMAIN)
                        .digest(offer.bid())
                        .toHex());
        assertThat(answer.path("roundId").asLong()).isPositive();
    }

    /** The next answer to a bid, past the feed's messages. */
    private static JsonNode bidResult(TextSocket channel) throws InterruptedException {
        while (true) {
            JsonNode message = ChannelBuilder.next(channel);
            if (message.path("type").asString().equals("bidResult")) {
                return message;
            }
        }
    }

    private static TextSocket loggedIn(ECKeyPair key) throws InterruptedException {
        TextSocket channel = new TextSocket(gavel.ws("/v1/builder"));
        JsonNode welcome =
                ChannelBuilder.logIn(channel, AuctionFixtures.DOMAIN, key, AuctionFixtures.address(key), null);
        assertThat(welcome.path("type").asString()).isEqualTo("welcome");
        return channel;
    }

    private static SealedBid sealed(ECKeyPair key, BidEncoding encoding, Offer offer, Round round) throws Exception {
        return client(key, encoding).seal(offer.bid(), offer.envelope(), round.reference());
    }

    private static BuilderClient client(ECKeyPair key, BidEncoding encoding) throws Exception {
        BuilderClient client = new BuilderClient(gavel.http(), Http11.client(), key, AuctionFixtures.DOMAIN, encoding);
        client.fetchAuctionKey();
        return client;
    }

    private static String headerHash(SealedBid sealed) {
        return Keccak.hash(sealed.header().toArray()).toHex();
    }

    private static Round openRound(long number) throws Exception {
        ExecutionPayload parent = Sequencer.declareBlock(engine, number, new Random(number));
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(60).getEpochSecond(), number);
        return new Round(parent, attributes, Sequencer.openRound(engine, parent, attributes));
    }

    private static String query(String sql) throws Exception {
        return Sql.scalar(database.dataSource(), sql);
    }

    /** A round open on {@code parent}: the offers builders make for it. */
    private record Round(ExecutionPayload parent, PayloadAttributes attributes, PayloadId payloadId) {
        Offer offer(ECKeyPair key, long value) {
            return AuctionFixtures.offer(
                    key, parent.blockNumber().next(), parent.blockHash(), attributes, value, value);
        }

        RoundReference reference() {
            return AuctionFixtures.roundOf(parent.blockHash(), attributes);
        }
    }
}
