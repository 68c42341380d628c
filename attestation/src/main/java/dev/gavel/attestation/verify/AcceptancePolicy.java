package dev.gavel.attestation.verify;

import dev.gavel.attestation.collateral.TcbStatus;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/** Which attested platforms Gavel trusts: accepted TCB statuses, how old collateral may be, whether debug TDs count. */
public record AcceptancePolicy(Set<TcbStatus> acceptedStatuses, Duration maxCollateralAge, boolean allowDebug) {
    public static final AcceptancePolicy DEFAULT = new AcceptancePolicy(
            EnumSet.of(TcbStatus.UP_TO_DATE, TcbStatus.SW_HARDENING_NEEDED), Duration.ofDays(30), false);

    public AcceptancePolicy {
        acceptedStatuses = Set.copyOf(acceptedStatuses);
    }
}
