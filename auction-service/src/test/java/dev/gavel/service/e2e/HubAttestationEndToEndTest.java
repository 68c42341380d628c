package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.attestation.quote.QuoteParser;
import dev.gavel.attestation.testing.AttestationFixtures;
import dev.gavel.attestation.testing.LocalPcs;
import dev.gavel.attestation.testing.SyntheticDcap;
import dev.gavel.attestation.workload.WorkloadId;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.testing.Sql;
import dev.gavel.service.testing.OnchainGavel;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.Attestations;
import dev.gavel.settlement.testing.SettlementWorld;
import dev.gavel.simulation.EngineClient;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * In hub mode Gavel verifies every registered builder's quote itself and admits only what both the hub and its
 * verification accept. The hub admits four builders on an attestor's word: one with a good quote (a synthetic
 * DCAP world under a test root, whose collateral a PCS on this machine serves), one whose platform is out of
 * date, one with the real op-rbuilder quote (which binds another address and is not under the test root) and
 * one with a stand-in quote. Gavel fetches the collateral from the PCS, rides out an outage until its grace
 * period ends (then admission stops and health says so), and re-verifies its builders when Intel's collateral
 * changes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubAttestationEndToEndTest {
    private static final BigInteger DEPOSIT = BigInteger.valueOf(1_000_000);

    @TempDir
    static Path temp;

    static SyntheticDcap dcap;
    static LocalPcs pcs;
    static AnvilChain chain;
    static SettlementWorld world;
    static EmbeddedDatabase database;
    static RunningGavel gavel;
    static EngineClient engine;
    static Credentials alice;
    static Credentials mallory;
    static Credentials opRbuilder;
    static final AtomicLong nextBlock = new AtomicLong(7_000);

    @BeforeAll
    static void start() throws Exception {
        dcap = new SyntheticDcap(Instant.now());
        pcs = LocalPcs.start().serve(dcap, dcap.bundle());
        chain = AnvilChain.start();
        world = new SettlementWorld(chain);
        byte[] syntheticWorkload = WorkloadId.of(
                        QuoteParser.parse(dcap.quote().build()).report())
                .value()
                .toArray();
        world.hub.approveWorkload(syntheticWorkload, "synthetic", List.of()).send();
        alice = builder(0xa11ce);
        mallory = builder(0xba0);
        opRbuilder = builder(0x0b5);
        registerSynthetic(alice, syntheticWorkload, quote -> {});
        registerSynthetic(mallory, syntheticWorkload, quote -> quote.svn(2, 1, 2));
        world.deployment()
                .register(
                        opRbuilder,
                        AttestationFixtures.OP_RBUILDER_QUOTE,
                        Attestations.registrationData(opRbuilder.getAddress()));
        for (Credentials builder : List.of(alice, mallory, opRbuilder, world.builder(1))) {
            world.deposit(builder, DEPOSIT);
        }
        chain.mine(3);
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        gavel = RunningGavel.startTrusting(
                dcap.anchor(),
                database,
                temp.resolve("data"),
                OnchainGavel.settings(
                        world,
                        1,
                        "--gavel.attestation.verify-hub-quotes=true",
                        "--gavel.attestation.pcs.url=" + pcs.url(),
                        "--gavel.attestation.pcs.root-crl-url=" + pcs.rootCrlUrl(),
                        "--gavel.attestation.refresh-interval=300ms",
                        "--gavel.attestation.pcs.max-age=1s",
                        "--gavel.attestation.pcs.refresh-margin=0s",
                        "--gavel.attestation.pcs.grace-period=2s"));
        engine = gavel.engine();
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
        chain.close();
        pcs.close();
    }

    @Test
    @Order(1)
    void aBuilderTheHubAdmittedIsRefusedWithTheReasonGavelsOwnVerificationGives() throws Exception {
        Round round = openRound();

        assertThat(round.submit(alice)).isInstanceOf(SubmitResult.Accepted.class);
        assertThat(refusal(round.submit(mallory)))
                .contains("quote not accepted")
                .contains("OutOfDate");
        assertThat(refusal(round.submit(opRbuilder)))
                .as("the real op-rbuilder quote: Intel's chain, not this test's root")
                .contains("quote not accepted")
                .contains("PCK_CHAIN");
        assertThat(refusal(round.submit(world.builder(1))))
                .as("a stand-in quote an attestor vouched for")
                .contains("quote unreadable");
        assertThat(gavel.operations("/actuator/health/attestation"))
                .contains("\"status\":\"UP\"")
                .contains("tcb-info 90C06F000000");
        assertThat(world.hub.isAdmitted(mallory.getAddress()).send())
                .as("the hub admits what Gavel refuses")
                .isTrue();
        assertThat(Sql.scalar(database.dataSource(), "select count(*) from attestation_collateral_status"))
                .as("root CRL, PCK platform CRL, QE identity and alice's and mallory's TCB info, stored")
                .isEqualTo("4");
    }

    @Test
    @Order(2)
    void anOutageOfThePcsIsRiddenOutUntilTheGracePeriodEndsThenAdmissionStopsUntilItAnswers() throws Exception {
        pcs.down(true);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> gavel.operations("/actuator/health/attestation").contains("OUT_OF_SERVICE"));
        Round round = openRound();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> round.submit(alice) instanceof SubmitResult.Rejected rejected
                        && rejected.error().message().contains("no collateral"));

        pcs.down(false);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> gavel.operations("/actuator/health/attestation").contains("\"status\":\"UP\""));
        Round again = openRound();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> again.submit(alice) instanceof SubmitResult.Accepted);
    }

    @Test
    @Order(3)
    void aRefreshOfIntelsCollateralReverifiesTheBuilders() throws Exception {
        // a TCB recovery: alice's platform level is out of date in Intel's next collateral
        SyntheticDcap.Bundle recovered = dcap.bundle()
                .tcbInfo(dcap.tcbInfo()
                        .withoutLevels()
                        .level(List.of(6, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), "UpToDate")
                        .level(List.of(5, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), "OutOfDate")
                        .with(info -> info.put("tcbEvaluationDataNumber", 18)));
        pcs.serve(dcap, recovered);

        Round round = openRound();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> round.submit(alice) instanceof SubmitResult.Rejected rejected
                        && rejected.error().code() == RejectionCode.UNKNOWN_BUILDER
                        && rejected.error().message().contains("OutOfDate"));
    }

    private static Credentials builder(long key) throws Exception {
        Credentials builder = Credentials.create(ECKeyPair.create(BigInteger.valueOf(key)));
        chain.fund(builder.getAddress(), BigInteger.TEN.pow(18));
        return builder;
    }

    /** Registers {@code builder} with a synthetic quote binding its address and registration data. */
    private static void registerSynthetic(Credentials builder, byte[] workload, Consumer<SyntheticDcap.Quote> change)
            throws Exception {
        byte[] registration = Attestations.registrationData(builder.getAddress());
        SyntheticDcap.Quote quote = dcap.quote();
        quote.reportData = Attestations.reportData(builder.getAddress(), registration);
        change.accept(quote);
        world.deployment().register(builder, quote.build(), registration, workload);
    }

    private static String refusal(SubmitResult result) {
        assertThat(result).isInstanceOf(SubmitResult.Rejected.class);
        SubmitResult.Rejected rejected = (SubmitResult.Rejected) result;
        assertThat(rejected.error().code()).isEqualTo(RejectionCode.UNKNOWN_BUILDER);
        return rejected.error().message();
    }

    private static Round openRound() throws Exception {
        long number = nextBlock.getAndAdd(1_000);
        ExecutionPayload parent = Sequencer.declareBlock(engine, number, new Random(number));
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(Instant.now().plusSeconds(60).getEpochSecond(), number);
        Sequencer.openRound(engine, parent, attributes);
        return new Round(parent, attributes);
    }

    /** An open round, and bids of 5,000 wei into it. */
    private record Round(ExecutionPayload parent, PayloadAttributes attributes) {
        private static final AtomicLong seeds = new AtomicLong(1);

        SubmitResult submit(Credentials key) throws Exception {
            BuilderClient client = OnchainGavel.client(gavel, world, key);
            AuctionFixtures.Offer offer =
                    OnchainGavel.offer(client.builder(), parent, attributes, 5_000, seeds.getAndIncrement());
            return client.submit(
                            offer.bid(),
                            offer.envelope(),
                            AuctionFixtures.roundOf(offer.bid().parentHash(), attributes))
                    .get();
        }
    }
}
