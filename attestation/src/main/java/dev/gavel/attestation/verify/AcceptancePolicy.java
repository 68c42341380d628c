package dev.gavel.attestation.verify;

import dev.gavel.attestation.collateral.TcbStatus;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which attested platforms Gavel trusts, beyond Intel's rules: the TCB statuses accepted, how old
 * collateral may be, whether debug TDs count, the lowest {@code tcbEvaluationDataNumber} the collateral may
 * carry (raise it after Intel's TCB recoveries; 0 accepts any), and whether TDs must have SEPT_VE_DISABLE
 * set (without it the host can inject #VE exceptions into the TD).
 */
public record AcceptancePolicy(
        Set<TcbStatus> acceptedStatuses,
        Duration maxCollateralAge,
        boolean allowDebug,
        int minimumTcbEvaluationDataNumber,
        boolean requireSeptVeDisable) {
    public static final AcceptancePolicy DEFAULT = new AcceptancePolicy(
            EnumSet.of(TcbStatus.UP_TO_DATE, TcbStatus.SW_HARDENING_NEEDED), Duration.ofDays(30), false);

    public AcceptancePolicy {
        acceptedStatuses = Set.copyOf(acceptedStatuses);
        if (minimumTcbEvaluationDataNumber < 0) {
            throw new IllegalArgumentException(
                    "a minimum tcbEvaluationDataNumber is never negative: " + minimumTcbEvaluationDataNumber);
        }
    }

    /** With no minimum tcbEvaluationDataNumber, and SEPT_VE_DISABLE required. */
    public AcceptancePolicy(Set<TcbStatus> acceptedStatuses, Duration maxCollateralAge, boolean allowDebug) {
        this(acceptedStatuses, maxCollateralAge, allowDebug, 0, true);
    }

    public AcceptancePolicy withMinimumTcbEvaluationDataNumber(int minimum) {
        return new AcceptancePolicy(acceptedStatuses, maxCollateralAge, allowDebug, minimum, requireSeptVeDisable);
    }
}
