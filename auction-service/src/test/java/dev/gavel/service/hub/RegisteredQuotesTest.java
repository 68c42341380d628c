package dev.gavel.service.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.attestation.quote.QuoteParser;
import dev.gavel.attestation.source.PcsClient;
import dev.gavel.attestation.source.PcsCollateralSource;
import dev.gavel.attestation.testing.InMemoryCollateralStore;
import dev.gavel.attestation.testing.LocalPcs;
import dev.gavel.attestation.testing.SyntheticDcap;
import dev.gavel.attestation.verify.AcceptancePolicy;
import dev.gavel.attestation.verify.DcapVerifier;
import dev.gavel.attestation.workload.WorkloadId;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.fixtures.SteppingClock;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import dev.gavel.service.admission.QuoteVerification;
import dev.gavel.settlement.mirror.HubRegistrations;
import dev.gavel.settlement.mirror.HubView;
import dev.gavel.settlement.testing.Attestations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/**
 * Gavel verifies each hub builder's registered quote itself (synthetic quotes under a test root, collateral from
 * a PCS on this machine) and admits only what both the hub and its verification accept.
 */
class RegisteredQuotesTest {
    private static final Address ALICE = Address.fromHex("0x" + "a1".repeat(20));
    private static final Address BOB = Address.fromHex("0x" + "b2".repeat(20));
    private static final Address CAROL = Address.fromHex("0x" + "c3".repeat(20));
    private static final Address DAVE = Address.fromHex("0x" + "d4".repeat(20));
    private static final Address ERIN = Address.fromHex("0x" + "e5".repeat(20));

    private static final Hash32 NO_HASH = Hash32.of(new byte[32]);

    private final SyntheticDcap world = new SyntheticDcap();
    private final SteppingClock clock = new SteppingClock(SyntheticDcap.NOW);
    private final LocalPcs pcs = LocalPcs.start().serve(world, world.bundle());
    private final Map<Address, HubRegistrations.Registration> chain = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final Hash32 workload = workloadOf(world.quote().build());
    private final RegisteredQuotes quotes = new RegisteredQuotes(this::read, verification());
    private final Map<Address, HubView.BuilderStanding> builders = new HashMap<>();

    @AfterEach
    void stop() {
        pcs.close();
    }

    @Test
    void aBuilderIsAdmittedOnlyWhenGavelsOwnVerificationAcceptsItsQuoteToo() {
        register(ALICE, 10, quote -> {});
        register(BOB, 11, quote -> quote.svn(2, 1, 2));
        register(CAROL, 12, quote -> quote.reportData = Attestations.reportData(DAVE.toHex(), registration(CAROL)));
        registerOnlyOnTheHub(DAVE, 13);
        register(ERIN, 14, quote -> {});
        builders.put(ERIN, standing(ERIN, 14, Hash32.fromHex("0x" + "ee".repeat(32))));

        quotes.update(view());
        HubBuilderDirectory directory = new HubBuilderDirectory(this::view, quotes);

        assertThat(directory.refusal(ALICE, policy())).isEmpty();
        assertThat(refusal(directory, BOB)).contains("quote not accepted").contains("OutOfDate");
        assertThat(refusal(directory, CAROL)).contains("binds the TEE address " + DAVE);
        assertThat(refusal(directory, DAVE))
                .contains("cannot be read from the chain")
                .contains("no event");
        assertThat(refusal(directory, ERIN)).contains("workload").contains("is not approved");
    }

    @Test
    void registrationsAreReadOnceUntilTheyChangeAndReverifiedAtEachRefresh() {
        register(ALICE, 10, quote -> {});
        quotes.update(view());
        quotes.update(view());
        assertThat(reads).as("an unchanged registration is not read again").hasValue(1);

        register(ALICE, 20, quote -> quote.svn(2, 1, 2));
        quotes.update(view());
        assertThat(reads).hasValue(2);
        assertThat(quotes.refusal(ALICE)).hasValueSatisfying(r -> assertThat(r).contains("OutOfDate"));

        register(ALICE, 30, quote -> {});
        quotes.update(view());
        assertThat(quotes.refusal(ALICE)).isEmpty();
        // Intel's new collateral: the platform's level is now out of date (a TCB recovery)
        SyntheticDcap.Bundle recovered = world.bundle()
                .tcbInfo(world.tcbInfo()
                        .withoutLevels()
                        .level(List.of(6, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), "UpToDate")
                        .level(List.of(5, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), "OutOfDate")
                        .with(info -> info.put("tcbEvaluationDataNumber", 18)));
        pcs.serve(world, recovered);
        quotes.reverify();
        assertThat(quotes.refusal(ALICE)).as("not refreshed before its max age").isEmpty();

        clock.advance(Duration.ofHours(25));
        quotes.reverify();

        assertThat(quotes.refusal(ALICE)).hasValueSatisfying(r -> assertThat(r).contains("OutOfDate"));
        assertThat(reads).as("re-verified without reading the chain again").hasValue(3);
    }

    @Test
    void aBuilderIsRefusedUntilItsQuoteIsVerifiedAndWhileTheChainCannotBeRead() {
        assertThat(quotes.refusal(ALICE)).hasValueSatisfying(r -> assertThat(r).contains("not been verified"));
        builders.put(ALICE, standing(ALICE, 10, workload));

        quotes.update(view());

        assertThat(quotes.refusal(ALICE)).hasValueSatisfying(r -> assertThat(r).contains("could not be read yet"));
        register(ALICE, 10, quote -> {});
        quotes.update(view());
        assertThat(quotes.refusal(ALICE)).as("read again at the next update").isEmpty();
    }

    @Test
    void trustingTheHubAdmitsWhatTheHubAdmits() {
        register(BOB, 11, quote -> quote.svn(2, 1, 2));
        HubBuilderDirectory directory = new HubBuilderDirectory(this::view, HubBuilderDirectory.QuoteCheck.TRUST_HUB);

        assertThat(directory.refusal(BOB, policy())).isEmpty();
    }

    private String refusal(HubBuilderDirectory directory, Address builder) {
        return directory
                .refusal(builder, policy())
                .map(r -> {
                    assertThat(r.code()).isEqualTo(RejectionCode.UNKNOWN_BUILDER);
                    return r.message();
                })
                .orElse("admitted");
    }

    private void register(Address builder, long block, Consumer<SyntheticDcap.Quote> change) {
        byte[] registration = registration(builder);
        SyntheticDcap.Quote quote = world.quote();
        quote.reportData = Attestations.reportData(builder.toHex(), registration);
        change.accept(quote);
        builders.put(builder, standing(builder, block, workload));
        chain.put(
                builder,
                new HubRegistrations.Registration(
                        builder, block, NO_HASH, Bytes.of(quote.build()), Bytes.of(registration)));
    }

    private void registerOnlyOnTheHub(Address builder, long block) {
        builders.put(builder, standing(builder, block, workload));
        chain.put(builder, null);
    }

    private HubRegistrations.Registration read(Address builder, HubView.RegistrationRecord record)
            throws IOException, HubRegistrations.NotFound {
        reads.incrementAndGet();
        if (!chain.containsKey(builder)) {
            throw new IOException("the chain does not answer");
        }
        HubRegistrations.Registration registration = chain.get(builder);
        if (registration == null || registration.block() != record.block()) {
            throw new HubRegistrations.NotFound("no event of " + builder + " in block " + record.block());
        }
        return registration;
    }

    private HubView view() {
        return new HubView(
                dev.gavel.primitives.BlockNumber.of(100),
                NO_HASH,
                builders,
                List.of(),
                null,
                0,
                null,
                true,
                0,
                0,
                0,
                0);
    }

    private static HubView.BuilderStanding standing(Address builder, long block, Hash32 workload) {
        return new HubView.BuilderStanding(
                builder,
                HubView.Status.ACTIVE,
                workload,
                true,
                true,
                Wei.of(1_000),
                Wei.ZERO,
                Wei.of(1_000),
                HubView.WithdrawalRequest.NONE,
                new HubView.RegistrationRecord(block, Hash32.of(Hash.sha3(registration(builder)))));
    }

    private static byte[] registration(Address builder) {
        return ("registration of " + builder).getBytes(StandardCharsets.UTF_8);
    }

    private QuoteVerification verification() {
        return new QuoteVerification(
                new PcsCollateralSource(
                        new PcsClient(pcs.url(), pcs.rootCrlUrl(), Duration.ofSeconds(5)),
                        new InMemoryCollateralStore(),
                        world.anchor(),
                        clock,
                        new PcsCollateralSource.Rules(Duration.ofHours(24), Duration.ofDays(7), Duration.ofHours(48))),
                new DcapVerifier(world.anchor(), AcceptancePolicy.DEFAULT, clock)::verify);
    }

    private static Hash32 workloadOf(byte[] quote) {
        try {
            return WorkloadId.of(QuoteParser.parse(quote).report()).value();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuctionPolicy policy() {
        return AuctionFixtures.policy(AuctionFormat.SECOND_PRICE, 0, 4);
    }
}
