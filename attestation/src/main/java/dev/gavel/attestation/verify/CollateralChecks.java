package dev.gavel.attestation.verify;

import static dev.gavel.attestation.verify.CheckResult.fail;
import static dev.gavel.attestation.verify.CheckResult.pass;
import static dev.gavel.attestation.verify.CheckResult.skipped;

import dev.gavel.attestation.collateral.Collateral;
import dev.gavel.attestation.collateral.CollateralDocument;
import dev.gavel.attestation.pki.ChainVerifier;
import dev.gavel.attestation.tcb.ModuleMatch;
import dev.gavel.attestation.tcb.QeMatch;
import dev.gavel.attestation.tcb.TcbEvaluation;
import dev.gavel.primitives.Hex;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The collateral's part of verification: the TCB info and QE identity are each the exact bytes a TCB
 * signing certificate under the pinned root signed (and that certificate is unrevoked and in that role),
 * they are current, the QE matches its identity, the TCB info is for this platform, the TDX module is the
 * one Intel signed, and the TCB status converges as Intel's QVL concludes it. Once a document cannot be
 * trusted, nothing is read from it: the later checks are skipped.
 */
final class CollateralChecks {
    private final ChainVerifier chains;
    private final AcceptancePolicy policy;

    CollateralChecks(ChainVerifier chains, AcceptancePolicy policy) {
        this.chains = chains;
        this.policy = policy;
    }

    void run(VerificationRun run) {
        if (run.collateral.isEmpty()) {
            DcapVerifier.collateralChecks().forEach(check -> run.add(skipped(check, "no collateral given")));
            return;
        }
        Collateral collateral = run.collateral.get();
        Optional<String> problem = documentProblem(collateral.tcbInfo(), collateral.tcbInfoIssuerChain(), run)
                .or(() -> documentProblem(collateral.qeIdentity(), collateral.qeIdentityIssuerChain(), run));
        if (problem.isPresent()) {
            run.add(fail(Check.COLLATERAL_SIGNATURES, problem.get()));
            DcapVerifier.collateralChecks().stream()
                    .skip(1)
                    .forEach(check -> run.add(skipped(check, "the collateral is not what Intel signed")));
            return;
        }
        run.tcbInfo = collateral.tcbInfo().body().orElseThrow();
        run.qeIdentity = collateral.qeIdentity().body().orElseThrow();
        run.add(pass(
                Check.COLLATERAL_SIGNATURES,
                "TCB info and QE identity are exactly what "
                        + collateral
                                .tcbInfoIssuerChain()
                                .get(0)
                                .getSubjectX500Principal()
                                .getName() + " signed"));
        freshness(run);
        qeIdentity(run);
        boolean forThisPlatform = tcbInfoMatch(run);
        boolean moduleKnown = forThisPlatform && tdxModule(run);
        tcbLevel(run, moduleKnown);
        tcbEvaluationDataNumber(run);
    }

    private Optional<String> documentProblem(
            CollateralDocument<?> document, List<X509Certificate> chain, VerificationRun run) {
        return document.signatureProblem(
                chain, chains, run.at, run.collateral.get().crls());
    }

    private void freshness(VerificationRun run) {
        for (Window window : List.of(
                new Window("TCB info", run.tcbInfo.issueDate(), run.tcbInfo.nextUpdate()),
                new Window("QE identity", run.qeIdentity.issueDate(), run.qeIdentity.nextUpdate()))) {
            if (run.at.isBefore(window.issued) || run.at.isAfter(window.nextUpdate)) {
                run.add(fail(
                        Check.COLLATERAL_FRESHNESS,
                        window.what + " issued " + window.issued + " is expired or not yet valid at " + run.at
                                + " (next update " + window.nextUpdate + ")"));
                return;
            }
            if (Duration.between(window.issued, run.at).compareTo(policy.maxCollateralAge()) > 0) {
                run.add(fail(
                        Check.COLLATERAL_FRESHNESS,
                        window.what + " issued " + window.issued + " is older than " + policy.maxCollateralAge()));
                return;
            }
        }
        run.add(pass(Check.COLLATERAL_FRESHNESS, "current at " + run.at));
    }

    private static void qeIdentity(VerificationRun run) {
        QeMatch qe = QeMatch.of(run.qeIdentity, run.quote.qeReport());
        if (qe.problem().isPresent()) {
            run.add(fail(Check.QE_IDENTITY, qe.problem().get()));
            return;
        }
        run.qe = qe;
        run.add(pass(
                Check.QE_IDENTITY,
                "TD_QE ISVSVN " + qe.isvSvn() + ": " + qe.levelStatus().intelName()
                        + (qe.levelStatus() == qe.status()
                                ? ""
                                : " (counts as " + qe.status().intelName() + ")")));
    }

    private static boolean tcbInfoMatch(VerificationRun run) {
        if (run.extension == null) {
            run.add(skipped(Check.TCB_INFO_MATCH, "no PCK extension to compare"));
            return false;
        }
        if (!run.tcbInfo.fmspc().equals(run.extension.fmspc())
                || !run.tcbInfo.pceId().equals(run.extension.pceId())) {
            run.add(fail(
                    Check.TCB_INFO_MATCH,
                    "TCB info is for FMSPC " + intel(run.tcbInfo.fmspc()) + " / PCEID " + intel(run.tcbInfo.pceId())
                            + ", the PCK says " + intel(run.extension.fmspc()) + " / "
                            + intel(run.extension.pceId())));
            return false;
        }
        run.add(pass(
                Check.TCB_INFO_MATCH,
                "FMSPC " + intel(run.tcbInfo.fmspc()) + ", PCEID " + intel(run.tcbInfo.pceId())
                        + ", tcbEvaluationDataNumber " + run.tcbInfo.tcbEvaluationDataNumber()));
        return true;
    }

    private static boolean tdxModule(VerificationRun run) {
        ModuleMatch module = ModuleMatch.of(run.tcbInfo, run.quote.report());
        if (module.problem().isPresent()) {
            run.add(fail(Check.TDX_MODULE, module.problem().get()));
            return false;
        }
        run.module = module;
        run.add(pass(
                Check.TDX_MODULE,
                module.judgedByIdentity()
                        ? module.identity() + " ISVSVN " + module.isvSvn() + ": "
                                + module.status().intelName()
                        : "version 0, signer and attributes of the TCB info's tdxModule"));
        return true;
    }

    private static void tcbLevel(VerificationRun run, boolean moduleKnown) {
        if (!moduleKnown || run.qe == null || run.extension == null) {
            run.add(skipped(Check.TCB_LEVEL, "undetermined: the PCK, QE or TDX module did not match the collateral"));
            return;
        }
        TcbEvaluation evaluation = TcbEvaluation.of(run.tcbInfo, run.extension, run.quote.report(), run.module, run.qe);
        run.convergence = evaluation.steps();
        if (evaluation.problem().isPresent()) {
            run.add(fail(Check.TCB_LEVEL, evaluation.problem().get()));
            return;
        }
        run.tcbStatus = evaluation.status();
        run.advisories = evaluation.advisoryIds();
        run.add(pass(
                Check.TCB_LEVEL, run.tcbStatus.intelName() + (run.advisories.isEmpty() ? "" : " " + run.advisories)));
    }

    private void tcbEvaluationDataNumber(VerificationRun run) {
        int minimum = policy.minimumTcbEvaluationDataNumber();
        int tcbInfo = run.tcbInfo.tcbEvaluationDataNumber();
        int qeIdentity = run.qeIdentity.tcbEvaluationDataNumber();
        run.add(
                Math.min(tcbInfo, qeIdentity) >= minimum
                        ? pass(
                                Check.TCB_EVALUATION_DATA_NUMBER,
                                "TCB info " + tcbInfo + ", QE identity " + qeIdentity + " (minimum " + minimum + ")")
                        : fail(
                                Check.TCB_EVALUATION_DATA_NUMBER,
                                "TCB info " + tcbInfo + ", QE identity " + qeIdentity
                                        + ": the policy requires at least " + minimum));
    }

    private static String intel(dev.gavel.primitives.Bytes bytes) {
        return Hex.encodeWithoutPrefix(bytes.toArray());
    }

    private record Window(String what, Instant issued, Instant nextUpdate) {}
}
