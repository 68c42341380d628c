package dev.gavel.service.admission;

import dev.gavel.attestation.admission.AttestedBuilder;
import dev.gavel.attestation.admission.BuilderAdmission;
import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.core.intake.BuilderDirectory;
import dev.gavel.primitives.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builders admitted by attestation: each candidate's quote is verified (against the collateral of its platform),
 * its workload and report-data binding checked, and the TEE address its quote binds is what may bid.
 * {@link #refresh()} refreshes the collateral and re-verifies everyone, so a builder whose quote stops verifying
 * (or whose collateral expires) stops being admitted. Nobody is admitted before the first refresh.
 */
public final class AttestedBuilderDirectory implements BuilderDirectory {
    private static final Logger log = LoggerFactory.getLogger(AttestedBuilderDirectory.class);

    private final List<Candidate> candidates;
    private final BuilderAdmission admission;
    private final QuoteVerification verification;
    private volatile Map<Address, AttestedBuilder> admitted = Map.of();
    private volatile Map<Address, AttestedBuilder> refused = Map.of();

    public AttestedBuilderDirectory(
            List<Candidate> candidates, BuilderAdmission admission, QuoteVerification verification) {
        this.candidates = List.copyOf(candidates);
        this.admission = admission;
        this.verification = verification;
    }

    /** Refreshes the collateral of the candidates' platforms and verifies every candidate with it; each decision. */
    public synchronized List<AttestedBuilder> refresh() {
        verification.refresh(candidates.stream().map(Candidate::quote).toList());
        List<AttestedBuilder> decisions = new ArrayList<>();
        for (Candidate candidate : candidates) {
            AttestedBuilder decision =
                    admission.decide(verification.verify(candidate.quote()), candidate.registrationData());
            decisions.add(decision);
            boolean wasAdmitted = decision.teeAddress() != null && admitted.containsKey(decision.teeAddress());
            if (decision.admitted() != wasAdmitted) {
                log.info(
                        "builder {} ({}) is {}: {}",
                        candidate.name(),
                        decision.teeAddress(),
                        decision.admitted() ? "admitted" : "no longer admitted",
                        decision.reason());
            } else if (!decision.admitted()) {
                log.warn(
                        "builder {} ({}) is not admitted: {}",
                        candidate.name(),
                        decision.teeAddress(),
                        decision.reason());
            }
        }
        admitted = decisions.stream()
                .filter(AttestedBuilder::admitted)
                .collect(Collectors.toUnmodifiableMap(AttestedBuilder::teeAddress, d -> d, (a, b) -> a));
        refused = decisions.stream()
                .filter(d -> !d.admitted() && d.teeAddress() != null && !admitted.containsKey(d.teeAddress()))
                .collect(Collectors.toUnmodifiableMap(AttestedBuilder::teeAddress, d -> d, (a, b) -> a));
        return decisions;
    }

    @Override
    public Optional<Rejection> refusal(Address builder, AuctionPolicy policy) {
        if (admitted.containsKey(builder)) {
            return Optional.empty();
        }
        AttestedBuilder decision = refused.get(builder);
        return decision == null
                ? BuilderDirectory.unknown(builder)
                : Optional.of(notAdmitted(builder, decision.reason()));
    }

    /** UNKNOWN_BUILDER with the reason Gavel's own verification gave. */
    public static Rejection notAdmitted(Address builder, String reason) {
        return new Rejection(RejectionCode.UNKNOWN_BUILDER, "builder " + builder + " is not admitted: " + reason);
    }

    /** A builder that asked to be admitted: its quote and the registration data its report data commits to. */
    public record Candidate(String name, byte[] quote, byte[] registrationData) {
        /** A candidate whose quote and registration data (empty when there is no file) are in files. */
        public static Candidate read(String name, Path quoteFile, Path registrationDataFile) {
            return new Candidate(
                    name, bytes(quoteFile), registrationDataFile == null ? new byte[0] : bytes(registrationDataFile));
        }

        private static byte[] bytes(Path file) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }
}
