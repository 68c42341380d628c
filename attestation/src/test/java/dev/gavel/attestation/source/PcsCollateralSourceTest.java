package dev.gavel.attestation.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.attestation.collateral.Collateral;
import dev.gavel.attestation.testing.AttestationFixtures;
import dev.gavel.attestation.testing.InMemoryCollateralStore;
import dev.gavel.attestation.testing.LocalPcs;
import dev.gavel.attestation.testing.SyntheticDcap;
import dev.gavel.attestation.verify.AcceptancePolicy;
import dev.gavel.attestation.verify.Check;
import dev.gavel.attestation.verify.CheckResult;
import dev.gavel.attestation.verify.DcapVerifier;
import dev.gavel.attestation.verify.Verification;
import dev.gavel.fixtures.SteppingClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The PCS source against a PCS on this machine: it fetches what the quotes' platforms need, keeps it in its
 * store, refreshes it when due, rides out an outage within its grace period and stops after it, and takes no
 * forged or rolled-back document.
 */
class PcsCollateralSourceTest {
    private static final Duration MAX_AGE = Duration.ofHours(24);
    private static final Duration MARGIN = Duration.ofDays(7);
    private static final Duration GRACE = Duration.ofHours(48);

    private final SyntheticDcap world = new SyntheticDcap();
    private final byte[] quote = world.quote().build();
    private final Platform platform = Platform.of(quote).orElseThrow();
    private final SteppingClock clock = new SteppingClock(SyntheticDcap.NOW);
    private final InMemoryCollateralStore store = new InMemoryCollateralStore();
    private final LocalPcs pcs = LocalPcs.start().serve(world, world.bundle());
    private final PcsCollateralSource source = source(store);

    @AfterEach
    void stop() {
        pcs.close();
    }

    @Test
    void theQuotesPlatformIsReadFromItsPckCertificate() {
        assertThat(platform.fmspcHex()).isEqualTo("90C06F000000");
        assertThat(platform.ca()).isEqualTo(Platform.PckCa.PLATFORM);
        assertThat(Platform.of("not a quote".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
    }

    @Test
    void collateralIsFetchedOnlyForAQuoteWhosePckChainLeadsToThePinnedRoot() {
        assertThat(Platform.ofGenuine(quote, world.anchor(), SyntheticDcap.NOW)).contains(platform);
        assertThat(Platform.ofGenuine(quote, AttestationFixtures.intelRoot(), SyntheticDcap.NOW))
                .as("a chain to another root: no collateral could make it verify")
                .isEmpty();
        assertThat(Platform.ofGenuine(
                        AttestationFixtures.SPR_E4_QUOTE,
                        AttestationFixtures.intelRoot(),
                        AttestationFixtures.COLLATERAL_2023_TIME))
                .isPresent();
    }

    @Test
    void anFmspcThePcsDoesNotKnowConcernsOnlyItsOwnBuilders() {
        Platform unknown = new Platform(dev.gavel.primitives.Bytes.fromHex("0x00906ed50000"), Platform.PckCa.PLATFORM);

        CollateralSet set = source.refresh(Set.of(platform, unknown));

        assertThat(set.health().state()).isEqualTo(SourceHealth.State.CURRENT);
        assertThat(set.health().summary()).contains("the PCS knows no [tcb-info 00906ED50000]");
        assertThat(set.forPlatform(unknown)).isEmpty();
        assertThat(verify(set).accepted()).isTrue();
        pcs.down(true);
        clock.advance(MAX_AGE.plus(GRACE));
        assertThat(source.refresh(Set.of(platform, unknown)).health().state())
                .as("an outage past the grace period still stops admission")
                .isEqualTo(SourceHealth.State.STOPPED);
    }

    @Test
    void itFetchesWhatTheQuotesPlatformNeedsStoresItAndTheQuoteVerifiesWithIt() {
        CollateralSet set = source.refresh(Set.of(platform));

        assertThat(set.health().state()).isEqualTo(SourceHealth.State.CURRENT);
        assertThat(verify(set).accepted())
                .as(verify(set).firstProblem().toString())
                .isTrue();
        assertThat(pcs.requests())
                .as("root CRL, PCK platform CRL, QE identity, TCB info")
                .isEqualTo(4);
        assertThat(store.documents().keySet())
                .containsExactlyInAnyOrder(
                        PcsDocument.Id.ROOT_CRL,
                        PcsDocument.Id.pckCrl(Platform.PckCa.PLATFORM),
                        PcsDocument.Id.QE_IDENTITY,
                        PcsDocument.Id.tcbInfo(platform));
        assertThat(source.refresh(Set.of()).health().summary()).contains("no builder's platform");
    }

    @Test
    void nothingIsFetchedAgainUntilItIsDueThenItIsRefreshed() {
        source.refresh(Set.of(platform));
        clock.advance(MAX_AGE.minusMinutes(1));
        source.refresh(Set.of(platform));
        assertThat(pcs.requests()).as("cached until its max age").isEqualTo(4);

        clock.advance(Duration.ofMinutes(2));
        CollateralSet set = source.refresh(Set.of(platform));

        assertThat(pcs.requests()).as("every document fetched again").isEqualTo(8);
        assertThat(set.health().state()).isEqualTo(SourceHealth.State.CURRENT);
        assertThat(store.documents().get(PcsDocument.Id.QE_IDENTITY).fetchedAt())
                .isEqualTo(clock.instant());
    }

    @Test
    void aDocumentNearItsNextUpdateIsRefreshedBeforeItsMaxAge() {
        PcsCollateralSource patient = new PcsCollateralSource(
                client(),
                new InMemoryCollateralStore(),
                world.anchor(),
                clock,
                new PcsCollateralSource.Rules(Duration.ofDays(365), MARGIN, GRACE));
        patient.refresh(Set.of(platform));
        // the synthetic collateral and CRLs are current until NOW + 29 days
        clock.set(SyntheticDcap.NOW.plus(29, ChronoUnit.DAYS).minus(MARGIN).minusSeconds(1));
        patient.refresh(Set.of(platform));
        assertThat(pcs.requests()).isEqualTo(4);

        clock.advance(Duration.ofSeconds(2));
        patient.refresh(Set.of(platform));

        assertThat(pcs.requests())
                .as("refreshed " + MARGIN + " before its next update")
                .isEqualTo(8);
    }

    @Test
    void anOutageIsRiddenOutWithinTheGracePeriodAndAdmissionStopsAfterIt() {
        source.refresh(Set.of(platform));
        pcs.down(true);
        clock.advance(MAX_AGE.plusHours(1));

        CollateralSet stale = source.refresh(Set.of(platform));
        assertThat(stale.health().state()).isEqualTo(SourceHealth.State.STALE);
        assertThat(stale.health().details().toString()).contains("lastError").contains("503");
        assertThat(verify(stale).accepted())
                .as("the last good collateral is used")
                .isTrue();

        clock.advance(GRACE.minusHours(2));
        assertThat(verify(source.refresh(Set.of(platform))).accepted())
                .as("still within the grace period")
                .isTrue();

        clock.advance(Duration.ofHours(2));
        CollateralSet stopped = source.refresh(Set.of(platform));
        assertThat(stopped.health().state()).isEqualTo(SourceHealth.State.STOPPED);
        assertThat(stopped.forPlatform(platform)).isEmpty();
        assertThat(verify(stopped).accepted()).isFalse();

        pcs.down(false);
        CollateralSet back = source.refresh(Set.of(platform));
        assertThat(back.health().state()).isEqualTo(SourceHealth.State.CURRENT);
        assertThat(verify(back).accepted())
                .as("admitted again once the PCS answers")
                .isTrue();
    }

    @Test
    void aRestartDuringAnOutageStartsFromTheStoredCollateral() {
        source.refresh(Set.of(platform));
        pcs.down(true);

        CollateralSet afterRestart = source(store).refresh(Set.of(platform));

        assertThat(afterRestart.health().state()).isEqualTo(SourceHealth.State.CURRENT);
        assertThat(verify(afterRestart).accepted()).isTrue();
        assertThat(pcs.requests()).as("nothing was due, so nothing was asked").isEqualTo(4);
    }

    @Test
    void anUnreachableStoreOnlyMeansFetchingAgain() {
        store.down(true);

        CollateralSet set = source.refresh(Set.of(platform));

        assertThat(verify(set).accepted()).isTrue();
        assertThat(store.documents()).isEmpty();
    }

    @Test
    void aForgedDocumentNeverReplacesTheHeldOne() {
        source.refresh(Set.of(platform));
        SyntheticDcap.Bundle forged = world.bundle();
        forged.tcbInfoSigner = world.pck.keys();
        pcs.serve(world, forged);
        clock.advance(MAX_AGE);

        CollateralSet set = source.refresh(Set.of(platform));

        assertThat(set.health().state()).isEqualTo(SourceHealth.State.STALE);
        assertThat(set.health().details().get("tcb-info 90C06F000000").toString())
                .contains("signature does not verify");
        assertThat(verify(set).accepted()).isTrue();
    }

    @Test
    void aPcsServingOlderCollateralCannotRollItBack() {
        source.refresh(Set.of(platform));
        SyntheticDcap.Bundle older = world.bundle();
        older.tcbInfo(world.tcbInfo()
                .with(info -> info.put(
                        "issueDate", SyntheticDcap.NOW.minus(3, ChronoUnit.DAYS).toString())));
        pcs.serve(world, older);
        clock.advance(MAX_AGE);

        CollateralSet set = source.refresh(Set.of(platform));

        assertThat(set.health().details().get("tcb-info 90C06F000000").toString())
                .contains("older than the one held");
    }

    @Test
    void aLowerTcbEvaluationDataNumberIsARollbackToo() {
        source.refresh(Set.of(platform));
        SyntheticDcap.Bundle lower = world.bundle();
        lower.qeIdentity(world.qeIdentity().with(identity -> identity.put("tcbEvaluationDataNumber", 16)));
        pcs.serve(world, lower);
        clock.advance(MAX_AGE);

        CollateralSet set = source.refresh(Set.of(platform));

        assertThat(set.health().details().get("qe-identity TD_QE").toString()).contains("below the held one's 17");
    }

    @Test
    void aTcbInfoForAnotherFmspcIsRefused() {
        pcs.tcbInfo(
                "90C06F000000",
                world.bundle()
                        .tcbInfo(world.tcbInfo().with(info -> info.put("fmspc", "00906ED50000")))
                        .tcbInfoDocument()
                        .getBytes(StandardCharsets.UTF_8),
                world.bundle().tcbInfoIssuerChain);

        CollateralSet set = source.refresh(Set.of(platform));

        assertThat(set.health().state()).isEqualTo(SourceHealth.State.STOPPED);
        assertThat(set.health().details().get("tcb-info 90C06F000000").toString())
                .contains("TCB info of FMSPC 00906ed50000");
    }

    @Test
    void intelsOwn2023CollateralServedByThePcsVerifiesAsTheSameFilesDoFromADirectory() {
        try (LocalPcs intel = LocalPcs.serving2023()) {
            SteppingClock then = new SteppingClock(AttestationFixtures.COLLATERAL_2023_TIME);
            PcsCollateralSource fetching = new PcsCollateralSource(
                    new PcsClient(intel.url(), intel.rootCrlUrl(), Duration.ofSeconds(5)),
                    new InMemoryCollateralStore(),
                    AttestationFixtures.intelRoot(),
                    then,
                    new PcsCollateralSource.Rules(MAX_AGE, Duration.ZERO, GRACE));
            Platform spr = Platform.of(AttestationFixtures.SPR_E4_QUOTE).orElseThrow();

            CollateralSet set = fetching.refresh(Set.of(spr));

            assertThat(spr.fmspcHex()).isEqualTo("50806F000000");
            assertThat(set.health().state())
                    .as(set.health().details().toString())
                    .isEqualTo(SourceHealth.State.CURRENT);
            DcapVerifier verifier = AttestationFixtures.verifierAt(AttestationFixtures.COLLATERAL_2023_TIME);
            Verification fetched = verifier.verify(AttestationFixtures.SPR_E4_QUOTE, set.forPlatform(spr));
            Verification fromFiles =
                    verifier.verify(AttestationFixtures.SPR_E4_QUOTE, AttestationFixtures.collateral2023());
            assertThat(fetched.checks()).isEqualTo(fromFiles.checks());
            assertThat(fetched.checks())
                    .filteredOn(c -> c.check() == Check.COLLATERAL_SIGNATURES)
                    .singleElement()
                    .satisfies(c -> assertThat(c.outcome()).isEqualTo(CheckResult.Outcome.PASS));
        }
    }

    @Test
    void issuerChainsAreDecodedAsIntelEncodesThem() throws Exception {
        String pem = SyntheticDcap.pem(world.tcbSigning.certificate(), world.root.certificate());
        assertThat(pem).contains(" ");

        assertThat(PcsClient.percentDecode(pem.replace(" ", "%20").replace("\n", "%0A")))
                .as("a '+' left unencoded stays a '+'")
                .isEqualTo(pem);
        PcsClient.Fetched fetched = client().qeIdentity();
        assertThat(new String(fetched.issuerChain(), StandardCharsets.US_ASCII)).isEqualTo(pem);
    }

    private PcsClient client() {
        return new PcsClient(pcs.url(), pcs.rootCrlUrl(), Duration.ofSeconds(5));
    }

    private PcsCollateralSource source(InMemoryCollateralStore backing) {
        return new PcsCollateralSource(
                client(), backing, world.anchor(), clock, new PcsCollateralSource.Rules(MAX_AGE, MARGIN, GRACE));
    }

    private Verification verify(CollateralSet set) {
        Optional<Collateral> collateral = set.forPlatform(platform);
        return new DcapVerifier(world.anchor(), AcceptancePolicy.DEFAULT, clock).verify(quote, collateral);
    }
}
