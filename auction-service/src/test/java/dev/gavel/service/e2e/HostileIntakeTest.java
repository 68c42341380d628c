package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.seal.BidSealer;
import dev.gavel.bidding.seal.BidSubmission;
import dev.gavel.bidding.seal.RoundReference;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.core.testing.AuctionFixtures.Offer;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.testing.Sql;
import dev.gavel.service.testing.RawHttp;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.Http11;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/**
 * Senders who would starve intake, over the real wire: each is refused before the body is read past the header
 * (or its connection closed), junk is counted and not written, and an honest builder's bid still gets in.
 */
class HostileIntakeTest {
    static final ECKeyPair ALICE = AuctionFixtures.builderKey(0);
    static final ECKeyPair BOB = AuctionFixtures.builderKey(1);
    static final ECKeyPair MALLORY = AuctionFixtures.builderKey(7);
    static final int CONNECTIONS_PER_ADDRESS = 6;
    static final int JUNK_PER_SECOND = 5;
    static final AtomicLong SEEDS = new AtomicLong(100);

    @TempDir
    static Path temp;

    static EmbeddedDatabase database;
    static RunningGavel gavel;
    static EngineClient engine;
    static ExecutionPayload parent;
    static PayloadAttributes attributes;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        gavel = RunningGavel.start(
                database,
                temp.resolve("data"),
                List.of(ALICE, BOB),
                "--gavel.bids.header-timeout=500ms",
                "--gavel.bids.body-timeout=2s",
                "--gavel.bids.rate-per-builder=0.5",
                "--gavel.bids.burst-per-builder=3",
                "--gavel.bids.max-connections-per-address=" + CONNECTIONS_PER_ADDRESS,
                "--gavel.bids.junk-per-address=" + JUNK_PER_SECOND,
                "--gavel.auction.policy.max-bids-per-builder=100");
        engine = gavel.engine();
        parent = Sequencer.declareBlock(engine, 30_000, new Random(3));
        attributes = SimulatedBlocks.attributes(Instant.now().plusSeconds(120).getEpochSecond(), 30);
        Sequencer.openRound(engine, parent, attributes);
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
    }

    @Test
    void aFloodOfHeadersNamingAnAdmittedBuilderButNotSignedByItIsCountedNotRecordedAndStarvesNoOne() throws Exception {
        BuilderClient alice = gavel.builder(ALICE);
        BidSealer forger = new BidSealer(alice.fetchAuctionKey(), AuctionFixtures.HEADERS);
        Offer offer = offer(ALICE);
        SealedBid forged = forger.seal(
                new BidSubmission(new BidSignatures(AuctionFixtures.DOMAIN).sign(offer.bid(), ALICE), offer.envelope()),
                round(),
                MALLORY);
        // the class's tests all send from one address: let its junk allowance refill to the full burst first
        Thread.sleep(Duration.ofSeconds(2));
        int judged = 0;
        SubmitResult answer = alice.submitSealed(forged).get();
        for (int sent = 1;
                answer instanceof SubmitResult.Rejected refused
                        && refused.error().code() == RejectionCode.SIGNER_MISMATCH
                        && sent < 100;
                sent++) {
            judged++;
            answer = alice.submitSealed(forged).get();
        }

        assertRefused(answer, 429, RejectionCode.RATE_LIMITED);
        assertThat(((SubmitResult.Rejected) answer).error().message()).contains("before authentication");
        assertThat(judged)
                .as("forged bids judged before the address's junk ran out")
                .isGreaterThanOrEqualTo(2 * JUNK_PER_SECOND);
        SubmitResult honest = await().atMost(Duration.ofSeconds(5))
                .until(() -> alice.submitSealed(sealed(alice, ALICE)).get(), SubmitResult.Accepted.class::isInstance);
        assertThat(honest).as("the forger took none of alice's own rate").isInstanceOf(SubmitResult.Accepted.class);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> query("select count(*) from bids where builder = '\\x"
                                + alice.builder().toHex().substring(2) + "' and status = 'accepted'")
                        .equals("1"));
        assertThat(query("select count(*) from bids where status = 'rejected' and builder = '\\x"
                        + alice.builder().toHex().substring(2) + "'"))
                .as("junk is not written row by row")
                .isEqualTo("0");
        assertThat(metrics())
                .contains("gavel_bids_total{result=\"SIGNER_MISMATCH\",sender=\"unauthenticated\"} " + judged + ".0");
    }

    @Test
    void aBuilderOverItsRateIsToldWhenToRetryAndTheRefusalIsRecorded() throws Exception {
        BuilderClient bob = gavel.builder(BOB);
        List<SubmitResult> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(bob.submitSealed(sealed(bob, BOB)).get());
        }

        assertThat(results.subList(0, 3)).allMatch(SubmitResult.Accepted.class::isInstance);
        assertThat(results.subList(3, 5)).allSatisfy(result -> {
            assertRefused(result, 429, RejectionCode.RATE_LIMITED);
            assertThat(((SubmitResult.Rejected) result).retryAfter()).hasValue(Duration.ofSeconds(1));
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> query("select count(*) from bids where rejection_code = 'RATE_LIMITED' and builder = '\\x"
                                + bob.builder().toHex().substring(2) + "'")
                        .equals("2"));
    }

    @Test
    void aBodyThatDoesNotStartWithItsSignedHeaderIsMalformed() throws Exception {
        SealedBid sealed = sealed(gavel.builder(ALICE), ALICE);
        String reordered = "{\"ciphertext\":\"" + sealed.ciphertext().toHex() + "\",\"header\":\""
                + sealed.header().toHex() + "\",\"headerSignature\":\""
                + sealed.headerSignature().toHex() + "\"}";

        assertMalformed(
                "application/json",
                reordered.getBytes(StandardCharsets.US_ASCII),
                "starts with its header and headerSignature");
    }

    @Test
    void aBinaryFrameFromABuilderNotAdmittedIsRefusedOnItsHeaderBeforeItsBodyIsSent() throws Exception {
        Offer offer = offer(MALLORY);
        SealedBid sealed = new BidSealer(gavel.builder(ALICE).fetchAuctionKey(), AuctionFixtures.HEADERS)
                .seal(
                        new BidSubmission(
                                new BidSignatures(AuctionFixtures.DOMAIN).sign(offer.bid(), MALLORY), offer.envelope()),
                        round(),
                        MALLORY);
        byte[] prefix = Arrays.copyOf(sealed.toFrame(), SealedBid.FRAME_PREFIX_BYTES);
        Thread.sleep(Duration.ofSeconds(2)); // this address's junk allowance, shared by the class's tests, refills
        try (RawHttp http = new RawHttp(gavel.http(), Duration.ofSeconds(5))) {
            // announces a 10 MB frame but sends only its header and signature: the refusal must not wait for more
            http.send(
                    "POST",
                    "/v1/bids",
                    Map.of("Content-Type", "application/octet-stream", "Content-Length", "10000000"),
                    prefix);
            long started = System.nanoTime();

            RawHttp.Response answer = http.read();

            assertThat(answer.status()).isEqualTo(403);
            assertThat(WireJson.read(answer.body(), Rejection.class).code()).isEqualTo(RejectionCode.UNKNOWN_BUILDER);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
        assertThat(metrics())
                .containsPattern("gavel_bids_total\\{result=\"UNKNOWN_BUILDER\",sender=\"unauthenticated\"} [1-9]");
    }

    @Test
    void aBinaryBodyShorterThanItsHeaderAndSignatureIsMalformed() throws Exception {
        Thread.sleep(Duration.ofSeconds(2)); // this address's junk allowance, shared by the class's tests, refills
        assertMalformed(
                "application/octet-stream",
                new byte[SealedBid.FRAME_PREFIX_BYTES - 1],
                "binary sealed bid is its 110-byte header");
    }

    @Test
    void aHeaderTrickledSlowerThanTheHeaderTimeoutIsCutOffWithTooSlow() throws Exception {
        try (Socket socket = new Socket(gavel.http().getHost(), gavel.http().getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/bids HTTP/1.1\r\nHost: gavel\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 200000\r\n\r\n{\"header\":\"0x")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();

            String answer = readResponse(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 408").contains("TOO_SLOW").contains("the header did not arrive");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void connectionsBeyondTheCapOfOneAddressAreClosedAtOnce() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            int closed = 0;
            for (int i = 0; i < CONNECTIONS_PER_ADDRESS + 2; i++) {
                Socket socket = new Socket(gavel.http().getHost(), gavel.http().getPort());
                socket.setSoTimeout(500);
                held.add(socket);
                if (closedByServer(socket)) {
                    closed++;
                }
            }
            assertThat(closed).as("connections closed of " + held.size()).isBetween(2, held.size());
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(metrics()).containsPattern("gavel_connections_refused_total [1-9]"));
    }

    private static boolean closedByServer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** One HTTP response with a Content-Length, read without waiting for the connection to close. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next == -1) {
                return head.toString();
            }
            head.append((char) next);
        }
        Matcher length = Pattern.compile("(?i)content-length: *([0-9]+)").matcher(head);
        int bodyBytes = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(bodyBytes), StandardCharsets.US_ASCII);
    }

    private static SealedBid sealed(BuilderClient client, ECKeyPair key) {
        Offer offer = offer(key);
        return client.seal(offer.bid(), offer.envelope(), round());
    }

    private static Offer offer(ECKeyPair key) {
        return AuctionFixtures.offer(
                key, parent.blockNumber().next(), parent.blockHash(), attributes, 5_000, SEEDS.incrementAndGet());
    }

    private static RoundReference round() {
        return AuctionFixtures.roundOf(parent.blockHash(), attributes);
    }

    private static String metrics() throws Exception {
        return Http11.client()
                .send(
                        HttpRequest.newBuilder(URI.create(gavel.management() + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void assertMalformed(String contentType, byte[] body, String saying) throws Exception {
        HttpResponse<String> response = Http11.client()
                .send(
                        HttpRequest.newBuilder(URI.create(gavel.http() + "/v1/bids"))
                                .header("Content-Type", contentType)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        Rejection rejection = WireJson.read(response.body(), Rejection.class);
        assertThat(rejection.code()).isEqualTo(RejectionCode.MALFORMED_REQUEST);
        assertThat(rejection.message()).contains(saying);
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
