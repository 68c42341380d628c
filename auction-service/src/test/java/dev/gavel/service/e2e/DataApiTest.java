package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.bidding.bid.BidsQuery;
import dev.gavel.bidding.bid.BidsQuerySignatures;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.core.testing.AuctionFixtures.Offer;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.testing.Sql;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.PayloadId;
import dev.gavel.service.testing.HeadlessChromium;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.Http11;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;

/**
 * The data API on the running service: five closed rounds paged through by cursor, as JSON and CSV; nothing
 * about an open round; a builder's signed query about its own bids; hostile query strings refused with their
 * specific codes; the auction key's EIP-712 domain; the explorer page, in headless Chromium, agreeing with it.
 */
class DataApiTest {
    static final List<ECKeyPair> BUILDERS = List.of(AuctionFixtures.builderKey(0), AuctionFixtures.builderKey(1));
    static final BidsQuerySignatures QUERIES = new BidsQuerySignatures(AuctionFixtures.DOMAIN);

    @TempDir
    static Path temp;

    static EmbeddedDatabase database;
    static RunningGavel gavel;
    static EngineClient engine;
    static List<BuilderClient> builders = new ArrayList<>();
    static long openBlock;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        // the rounds' parents are made up, so their winners' blocks never become canonical: no strikes for that here
        gavel = RunningGavel.start(
                database,
                temp.resolve("data"),
                BUILDERS,
                "--gavel.history.upkeep-interval=1s",
                "--gavel.strikes.limit=100");
        engine = gavel.engine();
        for (ECKeyPair key : BUILDERS) {
            builders.add(gavel.builder(key));
        }
        Random random = new Random(18);
        for (long block = 100; block < 105; block++) {
            ExecutionPayload parent = Sequencer.declareBlock(engine, block, random);
            PayloadAttributes attributes =
                    SimulatedBlocks.attributes(Instant.now().plusSeconds(3).getEpochSecond(), block);
            PayloadId round = Sequencer.openRound(engine, parent, attributes);
            bid(0, parent, attributes, 5_000 + block, random);
            bid(1, parent, attributes, 4_000 + block, random);
            engine.call("engine_getPayloadV4", round.toHex());
        }
        ExecutionPayload parent = Sequencer.declareBlock(engine, 200, random);
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(30).getEpochSecond(), 200);
        Sequencer.openRound(engine, parent, attributes);
        bid(1, parent, attributes, 99_999, random);
        openBlock = 201;
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "5".equals(Sql.scalar(database.dataSource(), "select count(*) from outcomes")));
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
    }

    @Test
    void outcomesPageByCursorNewestFirstAsTheHistoryHasThem() throws Exception {
        JsonNode first = json("/v1/data/outcomes?limit=2");
        assertThat(blocks(first)).containsExactly(105L, 104L);
        assertThat(first.get("data").get(0).get("winner").asString())
                .isEqualTo(AuctionFixtures.address(BUILDERS.get(0)).toHex());
        assertThat(first.get("data").get(0).get("price").asString()).isEqualTo("4104");
        assertThat(first.get("data").get(0).get("bidCount").asInt()).isEqualTo(2);

        JsonNode second = json(
                "/v1/data/outcomes?limit=2&cursor=" + first.get("nextCursor").asString());
        JsonNode third = json(
                "/v1/data/outcomes?limit=2&cursor=" + second.get("nextCursor").asString());

        assertThat(blocks(second)).containsExactly(103L, 102L);
        assertThat(blocks(third)).containsExactly(101L);
        assertThat(third.get("nextCursor").isNull()).isTrue();
        assertThat(blocks(json("/v1/data/rounds?fromBlock=102&toBlock=103&state=closed")))
                .containsExactly(103L, 102L);
    }

    /** The page at / in headless Chromium shows the latest block as /v1/data/outcomes has it; its screenshot is kept. */
    @Test
    void theExplorerShowsTheLatestWinnerAsTheDataApiDoes() throws Exception {
        JsonNode latest = json("/v1/data/outcomes?limit=1").get("data").get(0);
        ChromeDriver browser = HeadlessChromium.start();
        try {
            browser.get(gavel.http().resolve("/").toString());
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> text(browser, "latest-block")
                            .equals(latest.get("blockNumber").asString()));

            assertThat(text(browser, "latest-winner"))
                    .isEqualTo(latest.get("winner").asString());
            assertThat(text(browser, "latest-price"))
                    .isEqualTo(latest.get("price").asString());
            assertThat(text(browser, "latest-bids"))
                    .isEqualTo(latest.get("bidCount").asString());
            assertThat(browser.findElements(By.cssSelector("[data-test=blocks] tbody tr")))
                    .hasSize(5);
            Path screenshot = Path.of("target", "explorer", "explorer-latest-winner.png");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    private static String text(ChromeDriver browser, String testId) {
        return browser.findElement(By.cssSelector("[data-test=" + testId + "]")).getText();
    }

    @Test
    void csvHasAHeaderRowAndTheSameRecordsAndTheNextCursorInAHeader() throws Exception {
        HttpResponse<String> csv = get("/v1/data/outcomes?limit=3&format=csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("roundId,blockNumber,parentHash,payloadId,status,format");
        assertThat(lines[1])
                .contains(",105,")
                .contains(AuctionFixtures.address(BUILDERS.get(0)).toHex());
        assertThat(csv.headers().firstValue("Gavel-Next-Cursor")).isPresent();
        assertThat(get("/v1/data/bids?limit=1", "text/csv").body()).startsWith("bidId,roundId,blockNumber");
    }

    @Test
    void nothingAboutAnOpenRoundIsVisible() throws Exception {
        assertThat(json("/v1/data/bids?fromBlock=" + openBlock).get("data")).isEmpty();
        assertThat(json("/v1/data/rounds?fromBlock=" + openBlock).get("data")).isEmpty();
        assertThat(json("/v1/data/bids?fromBlock=101&toBlock=105").get("data")).hasSize(10);
        JsonNode bid = json("/v1/data/bids?fromBlock=101&toBlock=101&builder="
                        + AuctionFixtures.address(BUILDERS.get(1)).toHex())
                .get("data")
                .get(0);
        assertThat(bid.get("value").asString()).isEqualTo("4100");
        assertThat(bid.get("gasUsed").asLong()).isEqualTo(SimulatedBlocks.GAS_TARGET.value());
        assertThat(bid.get("transactionCount").asInt()).isEqualTo(6);
        assertThat(bid.has("ciphertext") || bid.has("signature")).isFalse();
    }

    @Test
    void aBuilderReadsItsOwnBidsWithASignedQueryAndNobodyElseCan() throws Exception {
        ECKeyPair key = BUILDERS.get(1);
        Address builder = AuctionFixtures.address(key);
        long expires = Instant.now().getEpochSecond() + 60;
        BidsQuery query = new BidsQuery(builder, BlockNumber.of(100), BlockNumber.of(300), expires);

        JsonNode own = json(ownBids(query, QUERIES.sign(query, key).toHex()));

        assertThat(own.get("data")).hasSize(5).allSatisfy(b -> {
            assertThat(b.get("won").asBoolean()).isFalse();
            assertThat(b.get("roundStatus").asString()).isEqualTo("closed");
        });
        assertThat(code(ownBids(query, QUERIES.sign(query, BUILDERS.get(0)).toHex())))
                .isEqualTo("403 SIGNER_MISMATCH");
        BidsQuery stale = new BidsQuery(builder, BlockNumber.of(100), BlockNumber.of(300), expires - 3_600);
        assertThat(code(ownBids(stale, QUERIES.sign(stale, key).toHex()))).isEqualTo("401 QUERY_EXPIRED");
        assertThat(code(ownBids(query, "0x1234"))).isEqualTo("400 BAD_SIGNATURE");
        assertThat(code("/v1/builder/bids?builder=" + builder.toHex())).isEqualTo("400 INVALID_PARAMETER");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/v1/data/outcomes?slot=1|400 UNKNOWN_PARAMETER",
                "/v1/data/outcomes?limit=1&limit=2|400 REPEATED_PARAMETER",
                "/v1/data/outcomes?fromBlock=-1|400 INVALID_PARAMETER",
                "/v1/data/outcomes?fromBlock=1e3|400 INVALID_PARAMETER",
                "/v1/data/outcomes?fromBlock=99999999999999999999|400 INVALID_PARAMETER",
                "/v1/data/outcomes?fromBlock=9&toBlock=3|400 INVALID_RANGE",
                "/v1/data/outcomes?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z|400 INVALID_RANGE",
                "/v1/data/outcomes?from=yesterday|400 INVALID_PARAMETER",
                "/v1/data/outcomes?limit=0|400 INVALID_LIMIT",
                "/v1/data/outcomes?limit=1000001|400 INVALID_LIMIT",
                "/v1/data/outcomes?cursor=x'%20or%201=1--|400 INVALID_CURSOR",
                "/v1/data/bids?cursor=17|400 INVALID_CURSOR",
                "/v1/data/builders?cursor=0x12|400 INVALID_CURSOR",
                "/v1/data/outcomes?format=xml|400 UNSUPPORTED_FORMAT",
                "/v1/data/bids?builder=0xzz|400 INVALID_PARAMETER",
                "/v1/data/bids?state=sealed|400 INVALID_PARAMETER",
                "/v1/data/settlements?state=settled%27|400 INVALID_PARAMETER",
                "/v1/data/outcomes?builder=|400 INVALID_PARAMETER",
            })
    void hostileQueryStringsGetTheirOwnCodes(String path, String expected) throws Exception {
        assertThat(code(path)).isEqualTo(expected);
    }

    @Test
    void anOverlongParameterIsRefusedWithoutEchoingIt() throws Exception {
        HttpResponse<String> response = get("/v1/data/outcomes?cursor=" + "9".repeat(1_000));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("INVALID_PARAMETER").doesNotContain("9".repeat(200));
    }

    @Test
    void theAuctionKeyNamesTheEip712DomainAndTheSealingInfo() throws Exception {
        JsonNode key = WireJson.MAPPER.readTree(get("/v1/auction-key").body());

        assertThat(key.get("info").asString()).isEqualTo("gavel sealed bid v2");
        assertThat(key.get("eip712Domain").get("name").asString()).isEqualTo("Gavel");
        assertThat(key.get("eip712Domain").get("chainId").asLong()).isEqualTo(AuctionFixtures.CHAIN_ID);
        assertThat(key.get("eip712Domain").get("verifyingContract").asString())
                .isEqualTo(AuctionFixtures.SETTLEMENT.toHex());
        assertThat(key.get("hubKeyId").isNull()).as("no chain configured").isTrue();
    }

    @Test
    void buildersAppearOnceTheirDayIsRolledUp() {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(json("/v1/data/builders").get("data"))
                        .hasSize(2)
                        .allSatisfy(b -> {
                            assertThat(b.get("admissionReason").asString()).startsWith("not on the hub");
                            assertThat(b.get("strikes").isNull()).isTrue();
                            assertThat(b.get("bidsSubmitted").asLong())
                                    .as("the bid in the open round is not counted yet")
                                    .isEqualTo(5);
                        }));
    }

    private static void bid(
            int builder, ExecutionPayload parent, PayloadAttributes attributes, long value, Random random)
            throws Exception {
        Offer offer = AuctionFixtures.offer(
                BUILDERS.get(builder),
                parent.blockNumber().next(),
                parent.blockHash(),
                attributes,
                value,
                random.nextLong());
        assertThat(builders.get(builder)
                        .submit(offer.bid(), offer.envelope(), AuctionFixtures.roundOf(parent.blockHash(), attributes))
                        .get())
                .isInstanceOf(SubmitResult.Accepted.class);
    }

    private static String ownBids(BidsQuery query, String signature) {
        return "/v1/builder/bids?builder=" + query.builder().toHex() + "&fromBlock="
                + query.fromBlock().value()
                + "&toBlock=" + query.toBlock().value() + "&expires=" + query.expires() + "&signature="
                + URLEncoder.encode(signature, StandardCharsets.UTF_8);
    }

    private static List<Long> blocks(JsonNode page) {
        List<Long> blocks = new ArrayList<>();
        page.get("data").forEach(row -> blocks.add(row.get("blockNumber").asLong()));
        return blocks;
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return WireJson.MAPPER.readTree(response.body());
    }

    private static String code(String path) throws Exception {
        HttpResponse<String> response = get(path);
        return response.statusCode() + " "
                + WireJson.MAPPER.readTree(response.body()).get("code").asString();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return get(path, "application/json");
    }

    static HttpResponse<String> get(String path, String accept) throws Exception {
        return Http11.client()
                .send(
                        HttpRequest.newBuilder(URI.create(gavel.http() + path))
                                .header("Accept", accept)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
