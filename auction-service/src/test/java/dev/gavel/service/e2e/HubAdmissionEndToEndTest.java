package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.testing.Sql;
import dev.gavel.primitives.Address;
import dev.gavel.service.testing.ChannelBuilder;
import dev.gavel.service.testing.OnchainGavel;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.service.testing.TextSocket;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.SettlementWorld;
import dev.gavel.simulation.EngineClient;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import tools.jackson.databind.JsonNode;

/** The service admits builders as the onchain BuilderHub says, through the chain mirror, within the confirmation depth. */
class HubAdmissionEndToEndTest {
    private static final long CONFIRMATIONS = 1;

    @TempDir
    static Path temp;

    static AnvilChain chain;
    static SettlementWorld world;
    static EmbeddedDatabase database;
    static RunningGavel gavel;
    static EngineClient engine;

    @BeforeAll
    static void start() throws Exception {
        chain = AnvilChain.start();
        world = new SettlementWorld(chain);
        world.deposit(world.builder(1), BigInteger.valueOf(1_000_000));
        world.deposit(world.builder(2), BigInteger.valueOf(1_000_000));
        chain.mine(3);
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        gavel = RunningGavel.start(
                database, temp.resolve("data"), List.of(), OnchainGavel.settings(world, CONFIRMATIONS));
        engine = gavel.engine();
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
        chain.close();
    }

    @Test
    void aRegisteredBuilderBidsUntilTheHubSuspendsIt() throws Exception {
        Credentials alice = world.builder(1);
        ExecutionPayload parent = Sequencer.declareBlock(engine, 7_000, new Random(7));
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(20).getEpochSecond(), 7);
        Sequencer.openRound(engine, parent, attributes);
        BuilderClient client = client(alice);

        assertThat(submit(client, parent, attributes, 5_000, 1)).isInstanceOf(SubmitResult.Accepted.class);
        assertThat(submit(client(chain.account(6)), parent, attributes, 5_000, 2))
                .isInstanceOfSatisfying(
                        SubmitResult.Rejected.class,
                        r -> assertThat(r.error().code()).isEqualTo(RejectionCode.UNKNOWN_BUILDER));

        world.hub.suspend(alice.getAddress()).send();
        chain.mine(CONFIRMATIONS);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "SUSPENDED"
                        .equals(Sql.scalar(
                                database.dataSource(),
                                "select status from hub_builder_standing where builder = '"
                                        + Address.fromHex(alice.getAddress()).toHex() + "'")));

        assertThat(submit(client, parent, attributes, 6_000, 3))
                .isInstanceOfSatisfying(SubmitResult.Rejected.class, r -> {
                    assertThat(r.error().code()).isEqualTo(RejectionCode.UNKNOWN_BUILDER);
                    assertThat(r.error().message()).contains("suspended");
                });
    }

    @Test
    void aSuspendedBuilderIsDisconnectedFromTheChannelWithinTheConfirmationDepth() throws Exception {
        Credentials carol = world.builder(3);
        world.deposit(carol, BigInteger.valueOf(1_000_000));
        chain.mine(CONFIRMATIONS);
        Eip712Domain domain =
                Eip712Domain.gavel(AnvilChain.CHAIN_ID, Address.fromHex(world.settlement.getContractAddress()));
        try (TextSocket channel =
                await().atMost(Duration.ofSeconds(20)).until(() -> admittedChannel(domain, carol), Objects::nonNull)) {
            world.hub.suspend(carol.getAddress()).send();
            chain.mine(CONFIRMATIONS);

            await().atMost(Duration.ofSeconds(20)).until(() -> channel.closeCode() > 0);
            assertThat(channel.closeCode()).as(channel.closeReason()).isEqualTo(1008);
            assertThat(channel.closeReason()).contains("suspended");
        }
    }

    @Test
    void theRoundsPolicyIsTheHubs() throws Exception {
        ExecutionPayload parent = Sequencer.declareBlock(engine, 8_000, new Random(8));
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(20).getEpochSecond(), 8);
        Sequencer.openRound(engine, parent, attributes);

        assertThat(submit(client(world.builder(2)), parent, attributes, 99, 4))
                .as("the hub's reserve is " + SettlementWorld.RESERVE)
                .isInstanceOfSatisfying(
                        SubmitResult.Rejected.class,
                        r -> assertThat(r.error().code()).isEqualTo(RejectionCode.BELOW_RESERVE));
        assertThat(submit(client(world.builder(2)), parent, attributes, SettlementWorld.RESERVE.longValueExact(), 5))
                .isInstanceOf(SubmitResult.Accepted.class);
    }

    /** A channel on which {@code builder} was welcomed, or null when it was refused (the mirror has not seen it yet). */
    private static TextSocket admittedChannel(Eip712Domain domain, Credentials builder) throws Exception {
        TextSocket channel = new TextSocket(gavel.ws("/v1/builder"));
        JsonNode answer = ChannelBuilder.logIn(
                channel, domain, builder.getEcKeyPair(), Address.fromHex(builder.getAddress()), null);
        if ("welcome".equals(answer.path("type").asString())) {
            return channel;
        }
        channel.close();
        return null;
    }

    private static BuilderClient client(Credentials key) throws Exception {
        return OnchainGavel.client(gavel, world, key);
    }

    /** A bid by {@code client} for a real block on {@code parent}. */
    private static SubmitResult submit(
            BuilderClient client, ExecutionPayload parent, PayloadAttributes attributes, long value, long seed)
            throws Exception {
        AuctionFixtures.Offer offer = OnchainGavel.offer(client.builder(), parent, attributes, value, seed);
        return client.submit(
                        offer.bid(),
                        offer.envelope(),
                        AuctionFixtures.roundOf(offer.bid().parentHash(), attributes))
                .get();
    }
}
