package dev.gavel.service.config;

import dev.gavel.attestation.admission.BuilderAdmission;
import dev.gavel.attestation.collateral.TcbStatus;
import dev.gavel.attestation.pki.TrustAnchor;
import dev.gavel.attestation.verify.AcceptancePolicy;
import dev.gavel.attestation.verify.DcapVerifier;
import dev.gavel.attestation.workload.WorkloadId;
import dev.gavel.primitives.Hex;
import dev.gavel.service.admission.AttestedBuilderDirectory;
import dev.gavel.service.admission.CollateralCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;

/** Admission by attestation when builders are configured for it: the directory, and how to refresh it. */
record AttestationAdmission(Optional<AttestedBuilderDirectory> directory, Optional<CollateralCache> collateral) {

    static AttestationAdmission from(AttestationProperties properties, Clock clock) {
        if (properties.builders().isEmpty()) {
            return new AttestationAdmission(Optional.empty(), Optional.empty());
        }
        AcceptancePolicy policy = new AcceptancePolicy(
                properties.acceptedStatuses().stream().map(TcbStatus::named).collect(Collectors.toSet()),
                properties.maxCollateralAge(),
                properties.allowDebug());
        DcapVerifier verifier = new DcapVerifier(TrustAnchor.intelSgxRoot(), policy, clock);
        Optional<CollateralCache> collateral =
                Optional.ofNullable(properties.collateralDir()).map(CollateralCache::new);
        BuilderAdmission admission = new BuilderAdmission(properties.approvedWorkloads().stream()
                .map(hex -> new WorkloadId(Hex.decodeOptionalPrefix(hex)))
                .collect(Collectors.toSet()));
        AttestedBuilderDirectory directory = new AttestedBuilderDirectory(
                properties.builders().stream()
                        .map(b -> new AttestedBuilderDirectory.Candidate(
                                b.name(),
                                read(b.quoteFile()),
                                b.registrationDataFile() == null ? new byte[0] : read(b.registrationDataFile())))
                        .toList(),
                admission,
                quote -> verifier.verify(quote, collateral.flatMap(CollateralCache::current)));
        AttestationAdmission attestation = new AttestationAdmission(Optional.of(directory), collateral);
        attestation.refresh();
        return attestation;
    }

    /** Reads the collateral again and re-verifies every builder with it. */
    void refresh() {
        collateral.ifPresent(CollateralCache::reload);
        directory.ifPresent(AttestedBuilderDirectory::refresh);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
