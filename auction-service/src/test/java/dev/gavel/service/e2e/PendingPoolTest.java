package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.service.orderflow.PendingPool;
import dev.gavel.service.testing.ChannelBuilder;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.TextSocket;
import dev.gavel.settlement.testing.AnvilChain;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * The execution client's pending pool as an orderflow source, against anvil: a transaction sent to the node (not
 * to Gavel) reaches the logged-in builder on its channel, its signed bytes as sent.
 */
class PendingPoolTest {
    @TempDir
    Path temp;

    @Test
    void aTransactionInTheNodesPendingPoolReachesTheBuildersOnTheirChannel() throws Exception {
        try (AnvilChain anvil = AnvilChain.start();
                EmbeddedDatabase database = EmbeddedDatabase.start(temp.resolve("pg"))) {
            anvil.automine(false);
            RunningGavel gavel = RunningGavel.start(
                    database,
                    temp.resolve("data"),
                    List.of(AuctionFixtures.builderKey(0)),
                    "--gavel.channel.pending-pool-url=ws://127.0.0.1:" + anvil.port());
            try (TextSocket channel = new TextSocket(gavel.ws("/v1/builder"))) {
                assertThat(ChannelBuilder.logIn(
                                        channel,
                                        AuctionFixtures.DOMAIN,
                                        AuctionFixtures.builderKey(0),
                                        AuctionFixtures.address(AuctionFixtures.builderKey(0)),
                                        null)
                                .path("type")
                                .asString())
                        .isEqualTo("welcome");
                String raw = Numeric.toHexString(TransactionEncoder.signMessage(
                        RawTransaction.createEtherTransaction(
                                AnvilChain.CHAIN_ID,
                                BigInteger.ZERO,
                                BigInteger.valueOf(21_000),
                                "0x000000000000000000000000000000000000dead",
                                BigInteger.ONE,
                                BigInteger.valueOf(1_000_000_000),
                                BigInteger.valueOf(10_000_000_000L)),
                        anvil.account(0)));

                String hash = anvil.web3j().ethSendRawTransaction(raw).send().getTransactionHash();

                JsonNode pushed = ChannelBuilder.next(channel);
                assertThat(pushed.path("type").asString()).isEqualTo("transaction");
                assertThat(pushed.path("source").asString()).isEqualTo(PendingPool.SOURCE);
                assertThat(pushed.path("hash").asString()).isEqualTo(hash);
                assertThat(pushed.path("raw").asString()).isEqualTo(raw);
            } finally {
                gavel.close();
            }
        }
    }
}
