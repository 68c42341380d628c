package dev.gavel.attestation.verify;

import dev.gavel.attestation.collateral.TcbStatus;
import dev.gavel.attestation.pki.SgxExtension;
import dev.gavel.attestation.quote.TdxQuote;
import dev.gavel.attestation.tcb.ModuleMatch;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of verifying one quote: every check with its reason, the TDX module as Intel's collateral
 * judged it, the steps by which the TCB status converged, the status and advisories (when the collateral
 * allowed deciding them), and the verdict. Accepted only if no check failed and none was skipped.
 *
 * @param tdxModule null unless the collateral was trusted and the module could be looked up
 * @param tcbEvaluationDataNumber of the TCB info, null unless the collateral was trusted
 */
public record Verification(
        TdxQuote quote,
        List<X509Certificate> pckChain,
        SgxExtension pckExtension,
        List<CheckResult> checks,
        Integer tcbEvaluationDataNumber,
        ModuleMatch tdxModule,
        List<String> convergence,
        TcbStatus tcbStatus,
        List<String> advisoryIds,
        boolean accepted) {

    /** The first failed (or, failing none, skipped) check: why the quote is not accepted. */
    public Optional<CheckResult> firstProblem() {
        return checks.stream()
                .filter(CheckResult::failed)
                .findFirst()
                .or(() -> checks.stream()
                        .filter(c -> c.outcome() == CheckResult.Outcome.SKIPPED)
                        .findFirst());
    }

    Optional<CheckResult> result(Check check) {
        return checks.stream().filter(c -> c.check() == check).findFirst();
    }
}
