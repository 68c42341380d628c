package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.testing.Sql;
import dev.gavel.primitives.PayloadId;
import dev.gavel.service.testing.Bidders;
import dev.gavel.service.testing.ChildGavel;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.Http11;
import dev.gavel.simulation.SimulatedRollupBoost;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/**
 * Acknowledged bids survive a hard stop (kill -9) of the service; the interrupted round is recorded as aborted.
 * Wins recorded before it are still decided after it: payable, or not included and a strike.
 */
class CrashSafetyTest {
    static final List<ECKeyPair> BUILDERS =
            List.of(AuctionFixtures.builderKey(0), AuctionFixtures.builderKey(1), AuctionFixtures.builderKey(2));

    @TempDir
    Path temp;

    @Test
    void acknowledgedBidsSurviveAHardStopAndTheRoundIsAborted() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(temp.resolve("pg"))) {
            int http = ChildGavel.freePort();
            int enginePort = ChildGavel.freePort();
            String[] arguments = RunningGavel.arguments(database, temp.resolve("data"), BUILDERS, http, enginePort);
            ChildGavel first = ChildGavel.launch(arguments, temp.resolve("gavel.log"));
            long roundId;
            try {
                EngineClient engine = ChildGavel.engine(temp.resolve("data"), enginePort);
                ExecutionPayload parent = Sequencer.declareBlock(engine, 500, new Random(5));
                PayloadAttributes attributes =
                        SimulatedBlocks.attributes(Instant.now().plusSeconds(60).getEpochSecond(), 500);
                Sequencer.openRound(engine, parent, attributes);
                Bidders.everyOneBids(URI.create("http://127.0.0.1:" + http), BUILDERS, parent, attributes);
                roundId = Long.parseLong(
                        Sql.scalar(database.dataSource(), "select round_id from rounds where block_number = 501"));
            } finally {
                first.killHard();
            }

            assertThat(Sql.scalar(
                            database.dataSource(),
                            "select count(*) from bids b join bid_ciphertexts c on c.bid_id = b.bid_id"
                                    + " where b.status = 'accepted' and b.round_id = " + roundId))
                    .isEqualTo("3");
            assertThat(Sql.scalar(database.dataSource(), "select status from rounds where round_id = " + roundId))
                    .isEqualTo("open");

            ChildGavel second = ChildGavel.launch(arguments, temp.resolve("gavel.log"));
            try {
                assertThat(Sql.scalar(database.dataSource(), "select status from rounds where round_id = " + roundId))
                        .isEqualTo("aborted");
                assertThat(Sql.scalar(database.dataSource(), "select count(*) from bids where round_id = " + roundId))
                        .isEqualTo("3");
            } finally {
                second.stop();
            }
        }
    }

    @Test
    void winsRecordedBeforeAHardStopAreDecidedAfterItAndAReplacedOneIsAStrike() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(temp.resolve("pg"))) {
            int http = ChildGavel.freePort();
            int enginePort = ChildGavel.freePort();
            String[] arguments = RunningGavel.arguments(database, temp.resolve("data"), BUILDERS, http, enginePort);
            ChildGavel first = ChildGavel.launch(arguments, temp.resolve("gavel.log"));
            AuctionFixtures.Offer included;
            AuctionFixtures.Offer replaced;
            try {
                EngineClient engine = ChildGavel.engine(temp.resolve("data"), enginePort);
                included = win(engine, http, 700, 0);
                replaced = win(engine, http, 800, 1);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> "2"
                                .equals(Sql.scalar(
                                        database.dataSource(),
                                        "select count(*) from outcome_settlements where state = 'pending'")));
            } finally {
                first.killHard();
            }

            ChildGavel second = ChildGavel.launch(arguments, temp.resolve("gavel.log"));
            try {
                EngineClient engine = ChildGavel.engine(temp.resolve("data"), enginePort);
                SimulatedRollupBoost.makeHead(engine, included.envelope());
                AuctionFixtures.Offer sequencers = AuctionFixtures.offer(
                        BUILDERS.get(2),
                        replaced.bid().blockNumber(),
                        replaced.bid().parentHash(),
                        SimulatedBlocks.attributes(Instant.now().getEpochSecond(), 800),
                        1,
                        99);
                SimulatedRollupBoost.makeHead(engine, sequencers.envelope());

                await().atMost(Duration.ofSeconds(10))
                        .until(() -> Sql.scalar(
                                        database.dataSource(),
                                        "select string_agg(block_number || ':' || state, ',' order by block_number)"
                                                + " from outcome_settlements")
                                .equals("701:payable,801:not_included"));
                assertThat(Sql.scalar(
                                database.dataSource(),
                                "select block_number || ':0x' || encode(builder, 'hex') from strikes"))
                        .as("the strike is kept with the block and its winner")
                        .isEqualTo("801:"
                                + AuctionFixtures.address(BUILDERS.get(1)).toHex());
            } finally {
                second.stop();
            }
        }
    }

    /** A round on a new block {@code parentNumber} that builder {@code builder} alone bids on and wins. */
    private static AuctionFixtures.Offer win(EngineClient engine, int http, long parentNumber, int builder)
            throws Exception {
        ExecutionPayload parent = Sequencer.declareBlock(engine, parentNumber, new Random(parentNumber));
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(60).getEpochSecond(), parentNumber);
        PayloadId payloadId = Sequencer.openRound(engine, parent, attributes);
        BuilderClient client = new BuilderClient(
                URI.create("http://127.0.0.1:" + http), Http11.client(), BUILDERS.get(builder), AuctionFixtures.DOMAIN);
        client.fetchAuctionKey();
        AuctionFixtures.Offer offer = AuctionFixtures.offer(
                BUILDERS.get(builder),
                parent.blockNumber().next(),
                parent.blockHash(),
                attributes,
                2_000,
                parentNumber);
        assertThat(client.submit(offer.bid(), offer.envelope(), AuctionFixtures.roundOf(parent.blockHash(), attributes))
                        .get())
                .isInstanceOf(SubmitResult.Accepted.class);
        engine.call("engine_getPayloadV4", payloadId.toHex());
        return offer;
    }
}
