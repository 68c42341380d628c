package dev.gavel.service.config;

import dev.gavel.attestation.admission.BuilderAdmission;
import dev.gavel.attestation.pki.TrustAnchor;
import dev.gavel.attestation.source.CollateralSource;
import dev.gavel.attestation.source.DirectoryCollateralSource;
import dev.gavel.attestation.source.PcsClient;
import dev.gavel.attestation.source.PcsCollateralSource;
import dev.gavel.attestation.source.Platform;
import dev.gavel.attestation.source.SourceHealth;
import dev.gavel.attestation.verify.AcceptancePolicy;
import dev.gavel.attestation.verify.DcapVerifier;
import dev.gavel.db.attestation.CollateralRepository;
import dev.gavel.service.admission.AttestedBuilderDirectory;
import dev.gavel.service.admission.JdbcCollateralStore;
import dev.gavel.service.admission.QuoteVerification;
import dev.gavel.service.hub.HubBuilderDirectory;
import dev.gavel.service.hub.RegisteredQuotes;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gavel's own quote verification, built from the properties: for the configured attested builders (their
 * directory), or for the BuilderHub's builders (their registered quotes) when a chain is configured, with
 * collateral from a directory or from the PCS (kept in PostgreSQL). Empty when neither needs it.
 */
record AttestationAdmission(
        Optional<QuoteVerification> verification,
        Optional<AttestedBuilderDirectory> directory,
        Optional<RegisteredQuotes> hubQuotes) {
    private static final Logger log = LoggerFactory.getLogger(AttestationAdmission.class);

    static AttestationAdmission from(
            AttestationProperties properties,
            ChainMirroring chain,
            TrustAnchor anchor,
            Clock clock,
            DataSource migratedDatabase) {
        boolean hub = chain.mirror().isPresent();
        if (hub && !properties.verifyHubQuotes()) {
            log.warn("gavel.attestation.verify-hub-quotes is off: hub builders are admitted on the hub's word alone,"
                    + " their quotes unverified by Gavel (for development without TDX only)");
            return new AttestationAdmission(Optional.empty(), Optional.empty(), Optional.empty());
        }
        if (!hub && properties.builders().isEmpty()) {
            return new AttestationAdmission(Optional.empty(), Optional.empty(), Optional.empty());
        }
        AcceptancePolicy policy = new AcceptancePolicy(
                Set.copyOf(properties.acceptedStatuses()),
                properties.maxCollateralAge(),
                properties.allowDebug(),
                properties.minTcbEvaluationDataNumber(),
                properties.requireSeptVeDisable());
        DcapVerifier verifier = new DcapVerifier(anchor, policy, clock);
        QuoteVerification verification = new QuoteVerification(
                source(properties, anchor, clock, migratedDatabase),
                verifier::verify,
                quote -> Platform.ofGenuine(quote, anchor, clock.instant()));
        if (hub) {
            return new AttestationAdmission(
                    Optional.of(verification),
                    Optional.empty(),
                    Optional.of(new RegisteredQuotes(chain.mirror().get().registrations()::read, verification)));
        }
        return new AttestationAdmission(
                Optional.of(verification),
                Optional.of(new AttestedBuilderDirectory(
                        properties.builders().stream()
                                .map(b -> AttestedBuilderDirectory.Candidate.read(
                                        b.name(), b.quoteFile(), b.registrationDataFile()))
                                .toList(),
                        new BuilderAdmission(Set.copyOf(properties.approvedWorkloads())),
                        verification)),
                Optional.empty());
    }

    /** The collateral directory (or bundle) when one is set, for offline use; else the PCS. */
    private static CollateralSource source(
            AttestationProperties properties, TrustAnchor anchor, Clock clock, DataSource migratedDatabase) {
        if (properties.collateralDir() != null) {
            return new DirectoryCollateralSource(properties.collateralDir(), clock);
        }
        AttestationProperties.Pcs pcs = properties.pcs();
        return new PcsCollateralSource(
                new PcsClient(pcs.url(), pcs.rootCrlUrl(), pcs.timeout()),
                new JdbcCollateralStore(new CollateralRepository(migratedDatabase)),
                anchor,
                clock,
                new PcsCollateralSource.Rules(pcs.maxAge(), pcs.refreshMargin(), pcs.gracePeriod()));
    }

    /** Gavel's verdict on hub builders' quotes, or the hub's word alone when it does not verify them. */
    HubBuilderDirectory.QuoteCheck hubQuoteCheck() {
        return hubQuotes.<HubBuilderDirectory.QuoteCheck>map(q -> q).orElse(HubBuilderDirectory.QuoteCheck.TRUST_HUB);
    }

    /** How the collateral source stands; when nothing is verified, that it is not used. */
    SourceHealth health() {
        return verification
                .map(QuoteVerification::health)
                .orElseGet(() -> new SourceHealth(
                        SourceHealth.State.CURRENT, "Gavel verifies no quotes in this configuration", Map.of()));
    }
}
