package dev.gavel.service.admission;

import dev.gavel.attestation.admission.AttestedBuilder;
import dev.gavel.attestation.admission.BuilderAdmission;
import dev.gavel.attestation.verify.Verification;
import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.core.intake.BuilderDirectory;
import dev.gavel.primitives.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builders admitted by attestation: each candidate's quote is verified (against the current collateral),
 * its workload and report-data binding checked, and the TEE address its quote binds is what may bid.
 * {@link #refresh()} re-verifies everyone, so a builder whose quote stops verifying stops being admitted.
 */
public final class AttestedBuilderDirectory implements BuilderDirectory {
    private static final Logger log = LoggerFactory.getLogger(AttestedBuilderDirectory.class);

    private final List<Candidate> candidates;
    private final BuilderAdmission admission;
    private final Function<byte[], Verification> verifier;
    private volatile Map<Address, AttestedBuilder> admitted = Map.of();

    public AttestedBuilderDirectory(
            List<Candidate> candidates, BuilderAdmission admission, Function<byte[], Verification> verifier) {
        this.candidates = List.copyOf(candidates);
        this.admission = admission;
        this.verifier = verifier;
    }

    /** Verifies every candidate again; returns each decision. */
    public synchronized List<AttestedBuilder> refresh() {
        List<AttestedBuilder> decisions = new ArrayList<>();
        for (Candidate candidate : candidates) {
            AttestedBuilder decision =
                    admission.decide(verifier.apply(candidate.quote()), candidate.registrationData());
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
        return decisions;
    }

    @Override
    public Optional<Rejection> refusal(Address builder, AuctionPolicy policy) {
        return admitted.containsKey(builder) ? Optional.empty() : BuilderDirectory.unknown(builder);
    }

    /** A builder that asked to be admitted: its quote and the registration data its report data commits to. */
    public record Candidate(String name, byte[] quote, byte[] registrationData) {}
}
