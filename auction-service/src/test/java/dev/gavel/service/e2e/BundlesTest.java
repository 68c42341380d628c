package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.primitives.Hex;
import dev.gavel.primitives.Keccak;
import dev.gavel.service.testing.ChannelBuilder;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.service.testing.TextSocket;
import dev.gavel.simulation.Http11;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import tools.jackson.databind.JsonNode;

/**
 * POST /v1/bundles over the real wire: eth_sendBundle signed in X-Flashbots-Signature (by web3j's personal_sign,
 * as a searcher's library signs it) reaches the logged-in builders on their channel; an unsigned, forged or
 * malformed request is refused with the reason, and a signer beyond its rate gets 429.
 */
class BundlesTest {
    static final ECKeyPair ALICE = AuctionFixtures.builderKey(0);
    static final ECKeyPair SEARCHER = ECKeyPair.create(BigInteger.valueOf(0x5ea7c4e7L));
    static final ECKeyPair HASTY = ECKeyPair.create(BigInteger.valueOf(0x4a57L));
    static final String TX = Sequencer.signedTransfer(SEARCHER, 0);

    @TempDir
    static Path temp;

    static EmbeddedDatabase database;
    static RunningGavel gavel;

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        gavel = RunningGavel.start(
                database, temp.resolve("data"), List.of(ALICE), "--gavel.channel.bundle-rate-per-sender=1");
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
    }

    @Test
    void aSignedBundleReachesTheLoggedInBuildersOnTheirChannel() throws Exception {
        try (TextSocket channel = new TextSocket(gavel.ws("/v1/builder"))) {
            assertThat(ChannelBuilder.logIn(
                                    channel, AuctionFixtures.DOMAIN, ALICE, AuctionFixtures.address(ALICE), null)
                            .path("type")
                            .asString())
                    .isEqualTo("welcome");
            String body = sendBundle(
                    "{\"txs\":[\"" + TX + "\"],\"blockNumber\":\"0x2a\",\"minTimestamp\":0,\"maxTimestamp\":1764417600,"
                            + "\"revertingTxHashes\":[],\"replacementUuid\":\"8c2f1d3e-2b8a-4c55-9d1e-3f0a2b4c6d8e\"}");

            HttpResponse<String> answer = post(body, signature(body, SEARCHER));

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            String bundleHash =
                    Keccak.hash(Keccak.hash(Hex.decode(TX)).toArray()).toHex();
            assertThat(WireJson.MAPPER
                            .readTree(answer.body())
                            .path("result")
                            .path("bundleHash")
                            .asString())
                    .isEqualTo(bundleHash);
            JsonNode pushed = ChannelBuilder.next(channel);
            assertThat(pushed.path("type").asString()).isEqualTo("bundle");
            assertThat(pushed.path("sequence").asLong()).isPositive();
            assertThat(pushed.path("bundleHash").asString()).isEqualTo(bundleHash);
            assertThat(pushed.path("sender").asString())
                    .isEqualTo(Secp256k1.address(SEARCHER).toHex());
            assertThat(pushed.path("txs").get(0).asString()).isEqualTo(TX);
            assertThat(pushed.path("blockNumber").asString()).isEqualTo("0x2a");
            assertThat(pushed.path("maxTimestamp").asLong()).isEqualTo(1764417600L);
            assertThat(pushed.path("replacementUuid").asString()).isEqualTo("8c2f1d3e-2b8a-4c55-9d1e-3f0a2b4c6d8e");
        }
    }

    @Test
    void anUnsignedForgedOrMalformedRequestIsRefusedWithTheReason() throws Exception {
        String body = sendBundle("{\"txs\":[\"" + TX + "\"],\"blockNumber\":\"0x2a\"}");

        HttpResponse<String> unsigned = post(body, null);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(error(unsigned)).contains("no X-Flashbots-Signature");

        String claimsSearcher = Secp256k1.address(SEARCHER).toHex() + ":"
                + signature(body, HASTY).substring(signature(body, HASTY).indexOf(':') + 1);
        HttpResponse<String> forged = post(body, claimsSearcher);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(error(forged))
                .contains("is not " + Secp256k1.address(SEARCHER).toHex() + "'s signature");

        HttpResponse<String> tampered = post(body.replace("0x2a", "0x2b"), signature(body, SEARCHER));
        assertThat(tampered.statusCode())
                .as("the signature covers the whole body")
                .isEqualTo(401);

        String empty = sendBundle("{\"txs\":[],\"blockNumber\":\"0x2a\"}");
        HttpResponse<String> malformed = post(empty, signature(empty, SEARCHER));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(error(malformed)).startsWith("txs must be 1 to 100 signed transactions");
    }

    @Test
    void aSignerBeyondItsRateIsRefusedWhileOthersAreNot() throws Exception {
        String body = sendBundle("{\"txs\":[\"" + TX + "\"],\"blockNumber\":\"0x30\"}");
        assertThat(post(body, signature(body, HASTY)).statusCode()).isEqualTo(200);
        assertThat(post(body, signature(body, HASTY)).statusCode())
                .as("a burst of 2")
                .isEqualTo(200);

        HttpResponse<String> limited = post(body, signature(body, HASTY));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(error(limited))
                .contains("bundles a second from " + Secp256k1.address(HASTY).toHex());
        ECKeyPair other = ECKeyPair.create(BigInteger.valueOf(0x07e4L));
        assertThat(post(body, signature(body, other)).statusCode()).isEqualTo(200);
    }

    private static String sendBundle(String bundle) {
        return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_sendBundle\",\"params\":[" + bundle + "]}";
    }

    /** address:signature, the signer's personal_sign of the hex of keccak256(body), as Flashbots' clients send it. */
    private static String signature(String body, ECKeyPair key) {
        String hashHex = Keccak.hash(body.getBytes(StandardCharsets.UTF_8)).toHex();
        Sign.SignatureData signed = Sign.signPrefixedMessage(hashHex.getBytes(StandardCharsets.US_ASCII), key);
        return Secp256k1.address(key).toHex() + ":" + BidSignature.of(signed).toHex();
    }

    private static HttpResponse<String> post(String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gavel.http().resolve("/v1/bundles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Flashbots-Signature", signature);
        }
        return Http11.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String error(HttpResponse<String> answer) {
        return WireJson.MAPPER
                .readTree(answer.body())
                .path("error")
                .path("message")
                .asString();
    }
}
