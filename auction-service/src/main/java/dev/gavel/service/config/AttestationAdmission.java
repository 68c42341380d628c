package dev.gavel.service.config;

import dev.gavel.attestation.admission.BuilderAdmission;
import dev.gavel.attestation.collateral.TcbStatus;
import dev.gavel.attestation.pki.TrustAnchor;
import dev.gavel.attestation.verify.AcceptancePolicy;
import dev.gavel.attestation.verify.DcapVerifier;
import dev.gavel.service.admission.AttestedBuilderDirectory;
import dev.gavel.service.admission.CollateralCache;
import dev.gavel.service.admission.CollateralSource;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Admission by attestation when builders are configured for it: their directory, built from the properties. */
record AttestationAdmission(Optional<AttestedBuilderDirectory> directory) {

    static AttestationAdmission from(AttestationProperties properties, Clock clock) {
        if (properties.builders().isEmpty()) {
            return new AttestationAdmission(Optional.empty());
        }
        AcceptancePolicy policy = new AcceptancePolicy(
                properties.acceptedStatuses().stream().map(TcbStatus::named).collect(Collectors.toSet()),
                properties.maxCollateralAge(),
                properties.allowDebug());
        DcapVerifier verifier = new DcapVerifier(TrustAnchor.intelSgxRoot(), policy, clock);
        BuilderAdmission admission = new BuilderAdmission(Set.copyOf(properties.approvedWorkloads()));
        return new AttestationAdmission(Optional.of(new AttestedBuilderDirectory(
                properties.builders().stream()
                        .map(b -> AttestedBuilderDirectory.Candidate.read(
                                b.name(), b.quoteFile(), b.registrationDataFile()))
                        .toList(),
                admission,
                properties.collateralDir() == null
                        ? CollateralSource.none()
                        : new CollateralCache(properties.collateralDir()),
                verifier::verify)));
    }
}
