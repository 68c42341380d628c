package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.service.testing.ChannelBuilder;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.TextSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/** SIGTERM closes the context as this does: builders on the channel are told "going away", not waited for. */
class ChannelShutdownTest {
    static final ECKeyPair ALICE = AuctionFixtures.builderKey(0);
    static final int GOING_AWAY = 1001;

    @TempDir
    Path temp;

    @Test
    void stoppingTheServiceClosesEveryChannelSocketGoingAway() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(temp.resolve("pg"))) {
            RunningGavel gavel = RunningGavel.start(
                    database, temp.resolve("data"), List.of(ALICE), "--gavel.channel.login-timeout=60s");
            try (TextSocket loggedIn = new TextSocket(gavel.ws("/v1/builder"));
                    TextSocket notYet = new TextSocket(gavel.ws("/v1/builder"))) {
                assertThat(ChannelBuilder.logIn(
                                        loggedIn, AuctionFixtures.DOMAIN, ALICE, AuctionFixtures.address(ALICE), null)
                                .path("type")
                                .asString())
                        .isEqualTo("welcome");
                assertThat(ChannelBuilder.next(notYet).path("type").asString()).isEqualTo("challenge");
                long start = System.nanoTime();

                gavel.close();

                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("the context's close, which waits out the graceful period (30 s) for open sockets")
                        .isLessThan(Duration.ofSeconds(10));
                for (TextSocket socket : List.of(loggedIn, notYet)) {
                    await().atMost(Duration.ofSeconds(5)).until(() -> socket.closeCode() == GOING_AWAY);
                    assertThat(socket.closeReason()).isEqualTo("Gavel is stopping");
                }
            }
        }
    }
}
