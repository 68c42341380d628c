package dev.gavel.attestation.verify;

import dev.gavel.attestation.collateral.Collateral;
import dev.gavel.attestation.collateral.QeIdentity;
import dev.gavel.attestation.collateral.TcbInfo;
import dev.gavel.attestation.collateral.TcbStatus;
import dev.gavel.attestation.pki.SgxExtension;
import dev.gavel.attestation.quote.TdxQuote;
import dev.gavel.attestation.tcb.ModuleMatch;
import dev.gavel.attestation.tcb.QeMatch;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The state of one verification as its checks run. */
final class VerificationRun {
    final Instant at;
    final Optional<Collateral> collateral;
    final List<CheckResult> checks = new ArrayList<>();
    TdxQuote quote;
    List<X509Certificate> chain;
    SgxExtension extension;
    TcbInfo tcbInfo;
    QeIdentity qeIdentity;
    QeMatch qe;
    ModuleMatch module;
    List<String> convergence = List.of();
    List<String> advisories = List.of();
    TcbStatus tcbStatus;

    VerificationRun(Instant at, Optional<Collateral> collateral) {
        this.at = at;
        this.collateral = collateral;
    }

    void add(CheckResult result) {
        checks.add(result);
    }

    /** Whether collateral was given and its signatures hold, so its bodies may be used. */
    boolean trustedCollateral() {
        return tcbInfo != null && qeIdentity != null;
    }

    Verification finish() {
        boolean accepted = checks.stream().allMatch(c -> c.outcome() == CheckResult.Outcome.PASS);
        return new Verification(
                quote,
                chain,
                extension,
                List.copyOf(checks),
                tcbInfo == null ? null : tcbInfo.tcbEvaluationDataNumber(),
                module,
                convergence,
                tcbStatus,
                advisories,
                accepted);
    }
}
