package dev.gavel.service.hub;

import dev.gavel.attestation.admission.AttestedBuilder;
import dev.gavel.attestation.admission.BuilderAdmission;
import dev.gavel.attestation.workload.WorkloadId;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.service.admission.QuoteVerification;
import dev.gavel.settlement.mirror.HubRegistrations;
import dev.gavel.settlement.mirror.HubView;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gavel's own verification of the quotes the BuilderHub's builders registered with: the hub admits a builder on
 * its verifier's word (an attestor's signature, or Automata's contract); Gavel reads the quote back from the
 * chain and verifies it itself, by Intel's rules against the pinned root, with the collateral of its platform,
 * and checks that its report data binds the builder's address and registration data and that its workload is
 * the one the hub recorded. A builder is admitted only when both accept it.
 *
 * <p>{@link #update} (after each mirror catch-up) reads and verifies new or changed registrations; {@link
 * #reverify} (each attestation refresh) refreshes the collateral and verifies every registration again, so a
 * builder whose platform falls out of date, or whose collateral cannot be refreshed within its grace period,
 * stops being admitted. Until its quote is verified a builder is refused.
 */
public final class RegisteredQuotes implements HubBuilderDirectory.QuoteCheck {
    private static final Logger log = LoggerFactory.getLogger(RegisteredQuotes.class);

    private final RegistrationLookup lookup;
    private final QuoteVerification verification;
    private final Map<Address, Entry> entries = new HashMap<>();
    private volatile Map<Address, Verdict> verdicts = Map.of();

    public RegisteredQuotes(RegistrationLookup lookup, QuoteVerification verification) {
        this.lookup = lookup;
        this.verification = verification;
    }

    /** Reads a registration's quote from the chain (HubRegistrations::read). */
    @FunctionalInterface
    public interface RegistrationLookup {
        HubRegistrations.Registration read(Address builder, HubView.RegistrationRecord record)
                throws IOException, HubRegistrations.NotFound;
    }

    /** Whether Gavel's verification admits a builder, and why (or why not). */
    public record Verdict(boolean admitted, String reason) {}

    /**
     * A builder's registration as last read: its quote and registration data once read; {@code retry} when the
     * chain did not answer (read again at the next update).
     */
    private record Entry(
            HubView.RegistrationRecord record,
            Hash32 workloadId,
            HubRegistrations.Registration registration,
            Verdict verdict,
            boolean retry) {}

    @Override
    public Optional<String> refusal(Address builder) {
        Verdict verdict = verdicts.get(builder);
        if (verdict == null) {
            return Optional.of("its registration quote has not been verified by Gavel yet");
        }
        return verdict.admitted() ? Optional.empty() : Optional.of(verdict.reason());
    }

    /** Gavel's verdict on each builder of the last view. */
    public Map<Address, Verdict> verdicts() {
        return verdicts;
    }

    /** Reads and verifies the registrations of {@code view} that are new or changed since the last update. */
    public synchronized void update(HubView view) {
        boolean read = false;
        for (HubView.BuilderStanding standing : view.builders().values()) {
            Entry known = entries.get(standing.address());
            if (known != null
                    && !known.retry()
                    && known.record().equals(standing.registration())
                    && known.workloadId().equals(standing.workloadId())) {
                continue;
            }
            entries.put(standing.address(), read(standing));
            read = true;
        }
        entries.keySet().retainAll(view.builders().keySet());
        if (read) {
            verification.refresh(quotes());
            entries.replaceAll((address, entry) -> entry.verdict() == null ? decided(address, entry) : entry);
            publish();
        }
    }

    /** Refreshes the collateral of every registered quote's platform and verifies every registration again. */
    public synchronized void reverify() {
        verification.refresh(quotes());
        entries.replaceAll((address, entry) -> entry.registration() == null ? entry : decided(address, entry));
        publish();
    }

    private Entry read(HubView.BuilderStanding standing) {
        Address builder = standing.address();
        HubView.RegistrationRecord record = standing.registration();
        try {
            return new Entry(record, standing.workloadId(), lookup.read(builder, record), null, false);
        } catch (HubRegistrations.NotFound e) {
            return unread(standing, "its registration quote cannot be read from the chain: " + e.getMessage(), false);
        } catch (IOException e) {
            log.warn(
                    "the registration of {} could not be read ({}); trying again at the next poll",
                    builder,
                    e.getMessage());
            return unread(standing, "its registration quote could not be read yet: " + e.getMessage(), true);
        }
    }

    /** A registration whose quote is not in hand: refused for {@code reason}, read again if {@code retry}. */
    private static Entry unread(HubView.BuilderStanding standing, String reason, boolean retry) {
        return new Entry(standing.registration(), standing.workloadId(), null, new Verdict(false, reason), retry);
    }

    private Entry decided(Address builder, Entry entry) {
        AttestedBuilder decision = new BuilderAdmission(Set.of(new WorkloadId(entry.workloadId())))
                .decide(
                        verification.verify(entry.registration().quote().toArray()),
                        entry.registration().registrationData().toArray());
        Verdict verdict;
        if (!decision.admitted()) {
            verdict = new Verdict(false, decision.reason());
        } else if (!builder.equals(decision.teeAddress())) {
            verdict = new Verdict(
                    false, "its quote binds the TEE address " + decision.teeAddress() + ", not the builder's");
        } else {
            verdict = new Verdict(true, decision.reason());
        }
        Verdict before = entry.verdict();
        if (before == null
                || before.admitted() != verdict.admitted()
                || !Objects.equals(before.reason(), verdict.reason())) {
            if (verdict.admitted()) {
                log.info("hub builder {} is verified by Gavel: {}", builder, verdict.reason());
            } else {
                log.warn("hub builder {} is refused by Gavel's own verification: {}", builder, verdict.reason());
            }
        }
        return new Entry(entry.record(), entry.workloadId(), entry.registration(), verdict, false);
    }

    private List<byte[]> quotes() {
        return entries.values().stream()
                .filter(entry -> entry.registration() != null)
                .map(entry -> entry.registration().quote().toArray())
                .toList();
    }

    private void publish() {
        Map<Address, Verdict> next = new HashMap<>();
        entries.forEach((address, entry) -> {
            if (entry.verdict() != null) {
                next.put(address, entry.verdict());
            }
        });
        verdicts = Map.copyOf(next);
    }
}
