package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.bidding.channel.ChannelLogins;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.primitives.Hash32;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.simulation.SimulatedOrderflow;
import dev.gavel.simulation.channel.ChannelClient;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;

/**
 * The devnet's channel client and orderflow against the real service: the users' transactions, forwarded as
 * rollup-boost does, reach an admitted builder's client each once and in the order sent, with no sequence
 * number missed; a stranger's client is refused and told nothing.
 */
class ChannelClientTest {
    static final ECKeyPair ALICE = AuctionFixtures.builderKey(0);
    static final ECKeyPair STRANGER = AuctionFixtures.builderKey(6);
    static final Duration RECONNECT = Duration.ofMillis(200);

    @TempDir
    static Path temp;

    static EmbeddedDatabase database;
    static RunningGavel gavel;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        gavel = RunningGavel.start(database, temp.resolve("data"), List.of(ALICE));
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
    }

    @Test
    void theOrderflowReachesAnAdmittedBuilderOnceInOrderAndAStrangerNothing() throws Exception {
        ChannelLogins logins = new ChannelLogins(AuctionFixtures.DOMAIN);
        ConcurrentLinkedQueue<Hash32> received = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<JsonNode> toldStranger = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Hash32> sent = new ConcurrentLinkedQueue<>();
        try (ChannelClient alice = new ChannelClient(
                                gavel.ws("/v1/builder"),
                                logins,
                                ALICE,
                                (message, at) -> {
                                    if ("transaction"
                                            .equals(message.path("type").asString())) {
                                        received.add(Hash32.fromHex(
                                                message.path("hash").asString()));
                                    }
                                },
                                RECONNECT)
                        .start();
                ChannelClient stranger = new ChannelClient(
                                gavel.ws("/v1/builder"),
                                logins,
                                STRANGER,
                                (message, at) -> toldStranger.add(message),
                                RECONNECT)
                        .start()) {
            await().atMost(Duration.ofSeconds(10)).until(alice::admitted);
            SimulatedOrderflow users = new SimulatedOrderflow(
                            gavel.engine(),
                            AuctionFixtures.CHAIN_ID,
                            List.of(Credentials.create(ECKeyPair.create(BigInteger.valueOf(0x05e7)))),
                            40,
                            (hash, at) -> {
                                if (!sent.contains(hash)) {
                                    sent.add(hash);
                                }
                            })
                    .start();
            await().atMost(Duration.ofSeconds(10)).until(() -> users.taken() >= 20);
            users.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= users.taken());
            assertThat(received).as("each once, in nonce order").containsExactlyElementsOf(sent);
            assertThat(alice.missed()).isZero();
            assertThat(alice.refused()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> stranger.refused() > 0);
            assertThat(stranger.admitted()).isFalse();
            assertThat(toldStranger).isEmpty();
        }
    }
}
