package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.BidReceipt;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.seal.RoundReference;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.service.testing.ChildGavel;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.simulation.AcknowledgedBids;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.Http11;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/**
 * The service killed hard (kill -9) again and again while builders bid as fast as it answers: every bid it
 * acknowledged before any of the kills is in PostgreSQL afterwards. Two kills here; the reliability run
 * ({@code -Dgavel.crash.kills=5}, docs/reliability.md) does five.
 */
class CrashUnderLoadTest {
    static final List<ECKeyPair> BUILDERS =
            List.of(AuctionFixtures.builderKey(0), AuctionFixtures.builderKey(1), AuctionFixtures.builderKey(2));
    static final int KILLS = Integer.getInteger("gavel.crash.kills", 2);

    @TempDir
    Path temp;

    @Test
    void noAcknowledgedBidIsLostAcrossHardKillsUnderLoad() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(temp.resolve("pg"))) {
            int http = ChildGavel.freePort();
            int enginePort = ChildGavel.freePort();
            String[] arguments = RunningGavel.arguments(
                    database,
                    temp.resolve("data"),
                    BUILDERS,
                    http,
                    enginePort,
                    "--gavel.auction.policy.max-bids-per-builder=100000",
                    "--gavel.bids.rate-per-builder=100000",
                    "--gavel.bids.burst-per-builder=100000");
            Queue<BidReceipt> acknowledged = new ConcurrentLinkedQueue<>();
            Random random = new Random(9);
            for (int kill = 0; kill < KILLS; kill++) {
                ChildGavel gavel = ChildGavel.launch(arguments, temp.resolve("gavel-" + kill + ".log"));
                int before = acknowledged.size();
                try (BidLoad load = BidLoad.start(
                        ChildGavel.engine(temp.resolve("data"), enginePort),
                        URI.create("http://127.0.0.1:" + http),
                        1_000L * (kill + 1),
                        acknowledged)) {
                    Thread.sleep(Duration.ofMillis(1_500 + random.nextInt(1_500)));
                    gavel.killHard();
                }
                assertThat(acknowledged.size())
                        .as("bids acknowledged before kill " + (kill + 1))
                        .isGreaterThan(before);
            }

            long missing = AcknowledgedBids.missingFrom(database.dataSource(), List.copyOf(acknowledged));
            // the figure docs/reliability.md reports
            System.out.printf(
                    "crash under load: %d bids acknowledged across %d kill -9, %d missing from PostgreSQL%n",
                    acknowledged.size(), KILLS, missing);
            assertThat(missing).isZero();
        }
    }

    /** Every builder bids on one open round, each bid sent as soon as the last is answered, until closed. */
    private static final class BidLoad implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        private final List<Future<?>> work = new ArrayList<>();

        static BidLoad start(EngineClient engine, URI service, long firstBlock, Queue<BidReceipt> acknowledged)
                throws Exception {
            ExecutionPayload parent = Sequencer.declareBlock(engine, firstBlock, new Random(firstBlock));
            PayloadAttributes attributes =
                    SimulatedBlocks.attributes(Instant.now().plusSeconds(600).getEpochSecond(), firstBlock);
            Sequencer.openRound(engine, parent, attributes);
            RoundReference round = AuctionFixtures.roundOf(parent.blockHash(), attributes);
            BidLoad load = new BidLoad();
            for (ECKeyPair key : BUILDERS) {
                BuilderClient client = new BuilderClient(service, Http11.client(), key, AuctionFixtures.DOMAIN);
                client.fetchAuctionKey();
                load.work.add(load.senders.submit(
                        () -> load.bidUntilClosed(client, key, parent, attributes, round, acknowledged)));
            }
            return load;
        }

        private Void bidUntilClosed(
                BuilderClient client,
                ECKeyPair key,
                ExecutionPayload parent,
                PayloadAttributes attributes,
                RoundReference round,
                Queue<BidReceipt> acknowledged) {
            for (long seed = 0; running.get(); seed++) {
                AuctionFixtures.Offer offer = AuctionFixtures.offer(
                        key, parent.blockNumber().next(), parent.blockHash(), attributes, 2_000 + seed, seed);
                try {
                    if (client.submit(offer.bid(), offer.envelope(), round).get()
                            instanceof SubmitResult.Accepted accepted) {
                        acknowledged.add(accepted.receipt());
                    }
                } catch (Exception serviceGone) {
                    return null; // killed: what it acknowledged before is what counts
                }
            }
            return null;
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            for (Future<?> sender : work) {
                sender.get();
            }
            senders.close();
        }
    }
}
