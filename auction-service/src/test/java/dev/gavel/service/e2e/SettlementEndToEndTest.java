package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.bidding.bid.RejectionCode;
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
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.service.testing.OnchainGavel;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.SettlementWorld;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.Http11;
import dev.gavel.simulation.SimulatedRollupBoost;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The economic loop on a real chain: builders deposit, auctions run through the Engine API, the sequencer
 * includes (or reorgs away) the winners' blocks, and Gavel settles the canonical ones onchain with the
 * sequencer-signed hashes: exactly the prices move, once; a short deposit becomes debt and the builder's next
 * bid is refused.
 */
class SettlementEndToEndTest {
    private static final BigInteger ONE_ETHER = BigInteger.TEN.pow(18);

    @TempDir
    static Path temp;

    static AnvilChain chain;
    static SettlementWorld world;
    static EmbeddedDatabase database;
    static RunningGavel gavel;
    static EngineClient engine;
    final Random random = new Random(21);
    long seed = 100;

    @BeforeAll
    static void start() throws Exception {
        chain = AnvilChain.start();
        world = new SettlementWorld(chain);
        world.deposit(world.builder(1), ONE_ETHER);
        world.deposit(world.builder(2), ONE_ETHER);
        world.deposit(world.builder(3), BigInteger.valueOf(50));
        chain.mine(3);
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        gavel = RunningGavel.start(
                database,
                temp.resolve("data"),
                List.of(),
                OnchainGavel.settlingSettings(
                        world,
                        temp,
                        "--gavel.settlement.target-batch-items=2",
                        "--gavel.settlement.max-batch-age=10m",
                        "--gavel.settlement.poll-interval=200ms"));
        engine = gavel.engine();
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
        chain.close();
    }

    @Test
    void canonicalWinnersPayTheirPricesOnceAndABidBeyondItsEscrowIsRefused() throws Exception {
        WonRound reorged = auction(2_000, Map.of(2, 900L));
        include(reorged);
        includeSequencersOwnBlock(reorged);
        awaitState(reorged, "not_included");
        WonRound secondPrice = auction(1_000, Map.of(1, 900L, 2, 800L));
        include(secondPrice);
        ExecutionPayload unbackedParent = Sequencer.declareBlock(engine, 3_000, random);
        PayloadAttributes unbackedAttributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(20).getEpochSecond(), 3);
        Sequencer.openRound(engine, unbackedParent, unbackedAttributes);
        assertThat(submit(3, unbackedParent, unbackedAttributes, 400))
                .as("builder 3 deposited 50 wei")
                .isInstanceOfSatisfying(SubmitResult.Rejected.class, r -> {
                    assertThat(r.error().code()).isEqualTo(RejectionCode.INSUFFICIENT_ESCROW);
                    assertThat(r.error().message()).contains("400 wei", "50 wei");
                });
        WonRound firstPrice = auction(SettlementWorld.FIRST_PRICE_FROM, Map.of(1, 700L, 2, 650L));
        include(firstPrice);

        for (WonRound settled : List.of(secondPrice, firstPrice)) {
            awaitState(settled, "settled");
        }

        assertThat(world.settlement.proceedsOf(world.beneficiary().getAddress()).send())
                .isEqualTo(BigInteger.valueOf(800 + 700));
        assertThat(balance(1)).isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(800 + 700)));
        assertThat(balance(2))
                .as("lost two auctions, won one its sequencer did not include")
                .isEqualTo(ONE_ETHER);
        assertThat(balance(3)).as("it never won").isEqualTo(BigInteger.valueOf(50));
        assertThat(
                        Sql.scalar(
                                database.dataSource(),
                                "select string_agg(block_number || ':' || settlement_state || ':' || coalesce(settled_price::text, '-')"
                                        + " || ':' || coalesce(charged::text, '-'), ' ' order by block_number) from settlement_status"))
                .isEqualTo("1001:settled:800:800 2001:not_included:-:- 5000001:settled:700:700");
        assertThat(
                        Sql.scalar(
                                database.dataSource(),
                                "select count(*) || ':' || sum(settled) from settlement_batch_history where state = 'confirmed'"))
                .isEqualTo("1:2");
        ExecutionPayload afterParent = Sequencer.declareBlock(engine, 6_000, random);
        PayloadAttributes afterAttributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(20).getEpochSecond(), 6);
        Sequencer.openRound(engine, afterParent, afterAttributes);
        long wholeBalance = balance(1).longValueExact();
        await().alias("builder 1's settled wins stop holding its escrow once the mirror reads the balance after them")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> submit(1, afterParent, afterAttributes, wholeBalance) instanceof SubmitResult.Accepted);
        assertThat(submit(1, afterParent, afterAttributes, wholeBalance + 1))
                .isInstanceOfSatisfying(
                        SubmitResult.Rejected.class,
                        r -> assertThat(r.error().code()).isEqualTo(RejectionCode.INSUFFICIENT_ESCROW));
        assertThat(Http11.client()
                        .send(
                                HttpRequest.newBuilder(URI.create(gavel.management() + "/actuator/prometheus"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .contains(
                        "gavel_settlement_backlog",
                        "gavel_settlement_oldest_unsettled_seconds",
                        "gavel_settlement_latency_seconds_count 2");
        assertThat(gavel.metric("gavel_mirror_lag_blocks"))
                .as("the mirror reads one block below the head")
                .isEqualTo(1.0);
        double settlerBalance = gavel.metric("gavel_settler_balance_wei");
        assertThat(settlerBalance)
                .as("the settler's ether, less the gas of its settlements")
                .isPositive()
                .isLessThan(chain.web3j()
                        .ethGetBalance(chain.account(0).getAddress(), DefaultBlockParameterName.EARLIEST)
                        .send()
                        .getBalance()
                        .doubleValue());
    }

    /** A round on a fresh parent at {@code parentNumber}: each builder (by account) bids its value; getPayload picks the winner. */
    private WonRound auction(long parentNumber, Map<Integer, Long> bids) throws Exception {
        ExecutionPayload parent = Sequencer.declareBlock(engine, parentNumber, random);
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(20).getEpochSecond(), parentNumber);
        PayloadId payloadId = Sequencer.openRound(engine, parent, attributes);
        Map<Hash32, Offer> offers = new LinkedHashMap<>();
        for (Map.Entry<Integer, Long> bid : bids.entrySet()) {
            Offer offer = offer(bid.getKey(), parent, attributes, bid.getValue());
            assertThat(builder(bid.getKey())
                            .submit(
                                    offer.bid(),
                                    offer.envelope(),
                                    AuctionFixtures.roundOf(offer.bid().parentHash(), attributes))
                            .get())
                    .isInstanceOf(SubmitResult.Accepted.class);
            offers.put(offer.bid().blockHash(), offer);
        }
        String winningHash = engine.call("engine_getPayloadV4", payloadId.toHex())
                .get("result")
                .get("executionPayload")
                .get("blockHash")
                .asString();
        String outcome = "select count(*) from outcomes where block_number = "
                + parent.blockNumber().next().value();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "1".equals(Sql.scalar(database.dataSource(), outcome))); // written by the group commit
        long round = Long.parseLong(Sql.scalar(database.dataSource(), outcome.replace("count(*)", "round_id")));
        return new WonRound(round, parent, attributes, offers.get(Hash32.fromHex(winningHash)));
    }

    /** The sequencer takes the winner's block: newPayload, then a forkchoice update to it. */
    private void include(WonRound round) throws Exception {
        SimulatedRollupBoost.makeHead(engine, round.winner().envelope());
        awaitState(round, "payable", "submitted", "settled"); // the second payable block is sent at once
    }

    /** A reorg at the won height: the sequencer's own block replaces the winner's. */
    private void includeSequencersOwnBlock(WonRound round) throws Exception {
        Offer own = AuctionFixtures.offer(
                AuctionFixtures.builderKey(0),
                round.parent().blockNumber().next(),
                round.parent().blockHash(),
                round.attributes(),
                1,
                seed++);
        SimulatedRollupBoost.makeHead(engine, own.envelope());
    }

    private void awaitState(WonRound round, String... states) {
        await().alias("round " + round.roundId() + " " + List.of(states))
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    chain.mine(1); // the settler waits for one confirmation
                    return List.of(states)
                            .contains(Sql.scalar(
                                    database.dataSource(),
                                    "select state from outcome_settlements where round_id = " + round.roundId()));
                });
    }

    private SubmitResult submit(int builder, ExecutionPayload parent, PayloadAttributes attributes, long value)
            throws Exception {
        Offer offer = offer(builder, parent, attributes, value);
        return builder(builder)
                .submit(
                        offer.bid(),
                        offer.envelope(),
                        AuctionFixtures.roundOf(offer.bid().parentHash(), attributes))
                .get();
    }

    /** A real block on {@code parent} and builder {@code account}'s bid of {@code value} for it. */
    private Offer offer(int account, ExecutionPayload parent, PayloadAttributes attributes, long value) {
        return OnchainGavel.offer(
                Address.fromHex(world.builder(account).getAddress()), parent, attributes, value, seed++);
    }

    private static BuilderClient builder(int account) throws Exception {
        return OnchainGavel.client(gavel, world, world.builder(account));
    }

    private static BigInteger balance(int builder) throws Exception {
        return world.settlement.balanceOf(world.builder(builder).getAddress()).send();
    }

    /** A closed round, its parent and attributes, and the offer that won it. */
    private record WonRound(long roundId, ExecutionPayload parent, PayloadAttributes attributes, Offer winner) {}
}
