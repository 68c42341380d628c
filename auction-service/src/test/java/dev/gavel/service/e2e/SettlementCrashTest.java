package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.core.testing.AuctionFixtures.Offer;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.testing.Sql;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.PayloadId;
import dev.gavel.service.testing.ChildGavel;
import dev.gavel.service.testing.OnchainGavel;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.SettlementWorld;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.SimulatedRollupBoost;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * `kill -9` of the service after it signed, recorded and broadcast a settlement, before any receipt, with
 * the broadcast lost too (the node's mempool emptied): the restarted service sends the very same
 * transaction again, and the block is charged exactly once.
 */
class SettlementCrashTest {
    private static final BigInteger ONE_ETHER = BigInteger.TEN.pow(18);

    @TempDir
    Path temp;

    @Test
    void aSettlementInterruptedBetweenBroadcastAndReceiptIsChargedOnceAfterRestart() throws Exception {
        try (AnvilChain chain = AnvilChain.start();
                EmbeddedDatabase database = EmbeddedDatabase.start(temp.resolve("pg"))) {
            SettlementWorld world = new SettlementWorld(chain);
            world.deposit(world.builder(1), ONE_ETHER);
            world.deposit(world.builder(2), ONE_ETHER);
            chain.mine(3);
            int http = ChildGavel.freePort();
            int enginePort = ChildGavel.freePort();
            Path dataDir = temp.resolve("data");
            String[] arguments = RunningGavel.arguments(
                    database,
                    dataDir,
                    List.of(),
                    http,
                    enginePort,
                    OnchainGavel.settlingSettings(
                            world,
                            temp,
                            "--gavel.settlement.target-batch-items=1",
                            "--gavel.settlement.poll-interval=200ms"));

            ChildGavel first = ChildGavel.launch(arguments, temp.resolve("gavel.log"));
            String recorded;
            try {
                chain.automine(false); // the settlement transaction will wait in the mempool
                winTheBlockAfter(
                        2_000, ChildGavel.engine(dataDir, enginePort), URI.create("http://127.0.0.1:" + http), world);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> "1"
                                .equals(Sql.scalar(
                                        database.dataSource(),
                                        "select count(*) from settlement_batches where state = 'submitted'")));
                recorded = Sql.scalar(database.dataSource(), "select hex(tx_hash) from settlement_attempts");
            } finally {
                first.killHard();
            }
            chain.dropPendingTransactions(); // and the broadcast never reached any node
            chain.automine(true);

            ChildGavel second = ChildGavel.launch(arguments, temp.resolve("gavel.log"));
            try {
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            chain.mine(1); // one confirmation
                            return "settled"
                                    .equals(Sql.scalar(database.dataSource(), "select state from outcome_settlements"));
                        });
            } finally {
                second.stop();
            }

            assertThat(Sql.scalar(
                            database.dataSource(),
                            "select count(*) || ':' || min(hex(tx_hash)) from settlement_attempts"))
                    .as("one transaction, the one recorded before the crash")
                    .isEqualTo("1:" + recorded);
            assertThat(Sql.scalar(
                            database.dataSource(),
                            "select tx_hash is not null and state = 'confirmed' from settlement_batches"))
                    .isEqualTo("t");
            assertThat(world.settlement.balanceOf(world.builder(1).getAddress()).send())
                    .isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(800)));
            assertThat(world.settlement
                            .proceedsOf(world.beneficiary().getAddress())
                            .send())
                    .isEqualTo(BigInteger.valueOf(800));
        }
    }

    /** Builder 1 bids 900 and builder 2 800 for the block after {@code parentNumber}; the sequencer includes the winner's block. */
    private static void winTheBlockAfter(long parentNumber, EngineClient engine, URI http, SettlementWorld world)
            throws Exception {
        ExecutionPayload parent = Sequencer.declareBlock(engine, parentNumber, new Random(parentNumber));
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(30).getEpochSecond(), parentNumber);
        PayloadId payloadId = Sequencer.openRound(engine, parent, attributes);
        Offer winner = null;
        for (int account : new int[] {1, 2}) {
            Credentials key = world.builder(account);
            Offer offer = OnchainGavel.offer(
                    Address.fromHex(key.getAddress()), parent, attributes, account == 1 ? 900 : 800, account);
            BuilderClient client = OnchainGavel.client(http, world, key);
            assertThat(client.submit(
                                    offer.bid(),
                                    offer.envelope(),
                                    AuctionFixtures.roundOf(offer.bid().parentHash(), attributes))
                            .get())
                    .isInstanceOf(SubmitResult.Accepted.class);
            winner = winner == null ? offer : winner;
        }
        engine.call("engine_getPayloadV4", payloadId.toHex());
        SimulatedRollupBoost.makeHead(engine, winner.envelope());
    }
}
