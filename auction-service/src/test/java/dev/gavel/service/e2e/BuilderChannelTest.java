package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.primitives.Address;
import dev.gavel.service.testing.ChannelBuilder;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.service.testing.TextSocket;
import dev.gavel.simulation.EngineClient;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
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
 * /v1/builder over the real wire: an admitted builder answers the challenge and receives the sequencer's
 * blocks, forkchoice states, forwarded transactions and build jobs, in sequence, and what it missed when it
 * reconnects; a stranger, a forged login and a silent client are refused with the reason.
 */
class BuilderChannelTest {
    static final ECKeyPair ALICE = AuctionFixtures.builderKey(0);
    static final ECKeyPair MALLORY = AuctionFixtures.builderKey(7);
    static final Duration WAIT = ChannelBuilder.WAIT;
    static final int POLICY_VIOLATION = 1008;
    static final ECKeyPair USER = ECKeyPair.create(BigInteger.valueOf(0x5e11e7L));

    @TempDir
    static Path temp;

    static EmbeddedDatabase database;
    static RunningGavel gavel;
    static EngineClient engine;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        gavel = RunningGavel.start(database, temp.resolve("data"), List.of(ALICE), "--gavel.channel.login-timeout=1s");
        engine = gavel.engine();
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
    }

    @Test
    void anAdmittedBuilderReceivesTheChainItsOrderflowAndItsJobsInSequence() throws Exception {
        try (TextSocket channel = new TextSocket(gavel.ws("/v1/builder"))) {
            JsonNode welcome = logIn(channel, ALICE, Secp256k1.address(ALICE), null);
            assertThat(welcome.path("type").asString()).isEqualTo("welcome");
            long first = welcome.path("latestSequence").asLong() + 1;

            var parent = Sequencer.declareBlock(engine, 70_000, new Random(70));
            Sequencer.openRound(
                    engine,
                    parent,
                    SimulatedBlocks.attributes(Instant.now().plusSeconds(60).getEpochSecond(), 70));
            String raw = Sequencer.signedTransfer(USER, 0);
            assertThat(engine.call("eth_sendRawTransaction", raw).path("result").asString())
                    .startsWith("0x");
            engine.call("eth_sendRawTransaction", raw); // rollup-boost forwarding it again: sent once

            List<JsonNode> pushed = List.of(next(channel), next(channel), next(channel), next(channel));
            assertThat(pushed.stream().map(m -> m.path("type").asString()))
                    .containsExactly("block", "forkchoice", "buildJob", "transaction");
            assertThat(pushed.stream().map(m -> m.path("sequence").asLong()))
                    .containsExactly(first, first + 1, first + 2, first + 3);
            assertThat(pushed.get(0).path("payload").path("blockHash").asString())
                    .isEqualTo(parent.blockHash().toHex());
            assertThat(pushed.get(3).path("raw").asString()).isEqualTo(raw);
            assertThat(pushed.get(3).path("source").asString()).isEqualTo("eth_sendRawTransaction");
            assertThat(channel.next(Duration.ofMillis(500)))
                    .as("the repeat is not sent")
                    .isNull();
        }
    }

    @Test
    void aReconnectingBuilderGetsWhatItMissedFirst() throws Exception {
        long seen;
        try (TextSocket channel = new TextSocket(gavel.ws("/v1/builder"))) {
            seen = logIn(channel, ALICE, Secp256k1.address(ALICE), null)
                    .path("latestSequence")
                    .asLong();
        }
        String missed = Sequencer.signedTransfer(USER, 1);
        engine.call("eth_sendRawTransaction", missed);

        try (TextSocket channel = new TextSocket(gavel.ws("/v1/builder"))) {
            JsonNode welcome = logIn(channel, ALICE, Secp256k1.address(ALICE), seen);
            assertThat(welcome.path("type").asString()).isEqualTo("welcome");
            JsonNode replayed = next(channel);
            assertThat(replayed.path("sequence").asLong()).isEqualTo(seen + 1);
            assertThat(replayed.path("raw").asString()).isEqualTo(missed);
        }
    }

    @Test
    void aStrangerIsRefusedWithTheReason() throws Exception {
        try (TextSocket channel = new TextSocket(gavel.ws("/v1/builder"))) {
            logIn(channel, MALLORY, Secp256k1.address(MALLORY), null);

            await().atMost(WAIT).until(() -> channel.closeCode() > 0);
            assertThat(channel.closeCode()).as(channel.closeReason()).isEqualTo(POLICY_VIOLATION);
            assertThat(channel.closeReason())
                    .contains(Secp256k1.address(MALLORY).toHex(), "not admitted");
        }
    }

    @Test
    void aLoginSignedByAnotherKeyIsRefused() throws Exception {
        try (TextSocket channel = new TextSocket(gavel.ws("/v1/builder"))) {
            logIn(channel, MALLORY, Secp256k1.address(ALICE), null);

            await().atMost(WAIT).until(() -> channel.closeCode() > 0);
            assertThat(channel.closeCode()).as(channel.closeReason()).isEqualTo(POLICY_VIOLATION);
            assertThat(channel.closeReason())
                    .contains("not " + Secp256k1.address(ALICE).toHex() + "'s signature");
        }
    }

    @Test
    void aClientThatNeverLogsInIsClosedAfterTheLoginTimeout() throws Exception {
        try (TextSocket channel = new TextSocket(gavel.ws("/v1/builder"))) {
            assertThat(next(channel).path("type").asString()).isEqualTo("challenge");

            await().atMost(WAIT).until(() -> channel.closeCode() > 0);
            assertThat(channel.closeCode()).as(channel.closeReason()).isEqualTo(POLICY_VIOLATION);
            assertThat(channel.closeReason()).contains("no login within 1000 ms");
        }
    }

    @Test
    void aFirstMessageThatIsNotALoginIsRefusedInTheWireFormatsTerms() throws Exception {
        try (TextSocket channel = new TextSocket(gavel.ws("/v1/builder"))) {
            next(channel);
            channel.send("{\"builder\":\"0x12\"}");

            await().atMost(WAIT).until(() -> channel.closeCode() > 0);
            assertThat(channel.closeCode()).as(channel.closeReason()).isEqualTo(POLICY_VIOLATION);
            assertThat(channel.closeReason()).startsWith("the first message must be a login: builder");
        }
    }

    private static JsonNode logIn(TextSocket channel, ECKeyPair key, Address claimed, Long resumeAfter)
            throws InterruptedException {
        return ChannelBuilder.logIn(channel, AuctionFixtures.DOMAIN, key, claimed, resumeAfter);
    }

    private static JsonNode next(TextSocket channel) throws InterruptedException {
        return ChannelBuilder.next(channel);
    }
}
