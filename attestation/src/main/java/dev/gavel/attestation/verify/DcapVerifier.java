package dev.gavel.attestation.verify;

import static dev.gavel.attestation.verify.CheckResult.fail;
import static dev.gavel.attestation.verify.CheckResult.pass;
import static dev.gavel.attestation.verify.CheckResult.skipped;

import dev.gavel.attestation.collateral.Collateral;
import dev.gavel.attestation.collateral.QeIdentity;
import dev.gavel.attestation.collateral.SignedJson;
import dev.gavel.attestation.collateral.TcbInfo;
import dev.gavel.attestation.collateral.TcbStatus;
import dev.gavel.attestation.pki.ChainVerifier;
import dev.gavel.attestation.pki.PemCertificates;
import dev.gavel.attestation.pki.SgxExtension;
import dev.gavel.attestation.pki.Signatures;
import dev.gavel.attestation.pki.TrustAnchor;
import dev.gavel.attestation.quote.QuoteFormatException;
import dev.gavel.attestation.quote.QuoteParser;
import dev.gavel.attestation.quote.TdReport;
import dev.gavel.attestation.quote.TdxQuote;
import dev.gavel.primitives.Digests;
import dev.gavel.primitives.Hex;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Intel DCAP verification of TDX quotes, offline, in Intel's order: header, PCK chain to the pinned root
 * (validity, CRLs), the PCK's SGX extension, the QE report signed by the PCK key, the attestation key
 * bound to the QE, the quote signed by that key, then the collateral (its signatures, freshness, QE
 * identity, TCB info and level), then the acceptance policy. Every check is reported; hostile input
 * yields failed checks, never an exception.
 */
public final class DcapVerifier {
    private final ChainVerifier chains;
    private final AcceptancePolicy policy;
    private final Clock clock;

    public DcapVerifier(TrustAnchor anchor, AcceptancePolicy policy, Clock clock) {
        this.chains = new ChainVerifier(anchor);
        this.policy = policy;
        this.clock = clock;
    }

    public Verification verify(byte[] quoteBytes, Optional<Collateral> collateral) {
        Run run = new Run(clock.instant(), collateral);
        try {
            run.quote = QuoteParser.parse(quoteBytes);
            run.add(pass(Check.PARSE, "TDX quote v" + run.quote.version() + ", body type " + run.quote.bodyType()));
        } catch (QuoteFormatException | RuntimeException e) {
            run.add(fail(Check.PARSE, e.getMessage()));
            return run.finish();
        }
        header(run);
        if (pckChain(run)) {
            revocation(run);
            pckExtension(run);
            qeReportSignature(run);
        }
        attestationKeyBinding(run);
        quoteSignature(run);
        collateral.ifPresentOrElse(c -> collateralChecks(run, c), () -> {
            for (Check check : List.of(
                    Check.COLLATERAL_SIGNATURES,
                    Check.COLLATERAL_FRESHNESS,
                    Check.QE_IDENTITY,
                    Check.TCB_INFO_MATCH,
                    Check.TCB_LEVEL)) {
                run.add(skipped(check, "no collateral given"));
            }
        });
        debug(run);
        statusAccepted(run);
        return run.finish();
    }

    private static void header(Run run) {
        TdxQuote q = run.quote;
        if (q.attestationKeyType() != TdxQuote.ECDSA_P256_KEY_TYPE) {
            run.add(fail(Check.HEADER, "attestation key type " + q.attestationKeyType() + " is not 2 (ECDSA P-256)"));
        } else if (q.teeType() != TdxQuote.TDX_TEE_TYPE) {
            run.add(fail(Check.HEADER, "tee type 0x" + Long.toHexString(q.teeType()) + " is not TDX (0x81)"));
        } else if (!q.intelQe()) {
            run.add(fail(Check.HEADER, "QE vendor id " + Hex.encodeWithoutPrefix(q.qeVendorId()) + " is not Intel's"));
        } else {
            run.add(pass(Check.HEADER, "version " + q.version() + ", ECDSA P-256, TDX, Intel QE"));
        }
    }

    private boolean pckChain(Run run) {
        try {
            run.chain = PemCertificates.parse(run.quote.pckChainPem());
        } catch (GeneralSecurityException e) {
            run.add(fail(Check.PCK_CHAIN, "PCK chain unreadable: " + e.getMessage()));
            return false;
        }
        Optional<String> problem = chains.problem(run.chain, run.at, List.of());
        run.add(problem.map(p -> fail(Check.PCK_CHAIN, p))
                .orElseGet(() ->
                        pass(Check.PCK_CHAIN, run.chain.size() + " certificates to the pinned Intel SGX Root CA")));
        return problem.isEmpty();
    }

    private void revocation(Run run) {
        if (run.collateral.isEmpty()) {
            run.add(skipped(Check.PCK_REVOCATION, "no collateral given: CRLs unknown"));
            return;
        }
        Optional<String> problem =
                chains.problem(run.chain, run.at, run.collateral.get().crls());
        run.add(problem.map(p -> fail(Check.PCK_REVOCATION, p))
                .orElseGet(() -> pass(Check.PCK_REVOCATION, "no certificate revoked")));
    }

    private static void pckExtension(Run run) {
        try {
            run.extension = SgxExtension.of(run.chain.get(0));
            run.add(pass(
                    Check.PCK_EXTENSION,
                    "FMSPC " + Hex.encodeWithoutPrefix(run.extension.fmspc()) + ", PCEID "
                            + Hex.encodeWithoutPrefix(run.extension.pceId()) + ", PCESVN " + run.extension.pceSvn()));
        } catch (java.io.IOException | RuntimeException e) {
            run.add(fail(Check.PCK_EXTENSION, e.getMessage()));
        }
    }

    private static void qeReportSignature(Run run) {
        boolean valid = Signatures.verify(
                run.chain.get(0).getPublicKey(), run.quote.qeReport().raw(), run.quote.qeReportSignature());
        run.add(
                valid
                        ? pass(Check.QE_REPORT_SIGNATURE, "QE report signed by the PCK key")
                        : fail(
                                Check.QE_REPORT_SIGNATURE,
                                "QE report signature does not verify under the PCK certificate's key"));
    }

    private static void attestationKeyBinding(Run run) {
        byte[] reportData = run.quote.qeReport().reportData();
        byte[] expected = sha256(run.quote.attestationKey(), run.quote.qeAuthData());
        boolean bound = Arrays.equals(expected, 0, 32, reportData, 0, 32)
                && Arrays.equals(reportData, 32, 64, new byte[32], 0, 32);
        run.add(
                bound
                        ? pass(
                                Check.ATTESTATION_KEY_BINDING,
                                "SHA-256(attestation key ‖ QE auth data) is in the QE report")
                        : fail(
                                Check.ATTESTATION_KEY_BINDING,
                                "QE report data is not SHA-256(attestation key ‖ QE auth data) followed by zeros"));
    }

    private static void quoteSignature(Run run) {
        boolean valid;
        try {
            valid = Signatures.verify(
                    Signatures.p256Key(run.quote.attestationKey()),
                    run.quote.signedBytes(),
                    run.quote.quoteSignature());
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        run.add(
                valid
                        ? pass(Check.QUOTE_SIGNATURE, "header and TD report signed by the attestation key")
                        : fail(Check.QUOTE_SIGNATURE, "quote signature does not verify under the attestation key"));
    }

    private void collateralChecks(Run run, Collateral collateral) {
        collateralSignatures(run, collateral);
        freshness(run, collateral);
        qeIdentity(run, collateral.qeIdentity());
        tcbInfoMatch(run, collateral.tcbInfo());
        tcbLevel(run, collateral.tcbInfo());
    }

    private void collateralSignatures(Run run, Collateral collateral) {
        Optional<String> chainProblem = chains.problem(collateral.tcbSigningChain(), run.at, collateral.crls());
        if (chainProblem.isPresent()) {
            run.add(fail(Check.COLLATERAL_SIGNATURES, "TCB signing chain: " + chainProblem.get()));
            return;
        }
        X509Certificate signer = collateral.tcbSigningChain().get(0);
        for (SignedJson document : List.of(collateral.tcbInfoDocument(), collateral.qeIdentityDocument())) {
            if (!Signatures.verify(signer.getPublicKey(), document.signedBytes(), document.signature())) {
                run.add(fail(
                        Check.COLLATERAL_SIGNATURES,
                        "a collateral document's signature does not verify under the TCB signing key"));
                return;
            }
        }
        run.add(pass(
                Check.COLLATERAL_SIGNATURES,
                "TCB info and QE identity signed by "
                        + signer.getSubjectX500Principal().getName()));
    }

    private void freshness(Run run, Collateral collateral) {
        for (var window : List.of(
                new Window(
                        "TCB info",
                        collateral.tcbInfo().issueDate(),
                        collateral.tcbInfo().nextUpdate()),
                new Window(
                        "QE identity",
                        collateral.qeIdentity().issueDate(),
                        collateral.qeIdentity().nextUpdate()))) {
            if (run.at.isBefore(window.issued) || !run.at.isBefore(window.nextUpdate)) {
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

    private static void qeIdentity(Run run, QeIdentity identity) {
        var qe = run.quote.qeReport();
        if (!Arrays.equals(identity.mrSigner(), qe.mrSigner())
                || identity.isvProdId() != qe.isvProdId()
                || !masked(qe.miscSelect(), identity.miscSelectMask(), identity.miscSelect())
                || !masked(qe.attributes(), identity.attributesMask(), identity.attributes())) {
            run.add(fail(
                    Check.QE_IDENTITY,
                    "the QE report's MRSIGNER, ISVPRODID, MISCSELECT or ATTRIBUTES do not match the TD_QE identity"));
            return;
        }
        Optional<QeIdentity.Level> level = identity.levels().stream()
                .filter(l -> qe.isvSvn() >= l.isvSvn())
                .findFirst();
        if (level.isEmpty()) {
            run.add(fail(Check.QE_IDENTITY, "QE ISVSVN " + qe.isvSvn() + " is below every TD_QE TCB level"));
            return;
        }
        run.qeStatus = level.get().status();
        run.advisories.addAll(level.get().advisoryIds());
        run.add(pass(Check.QE_IDENTITY, "TD_QE ISVSVN " + qe.isvSvn() + ": " + run.qeStatus.intelName()));
    }

    private static void tcbInfoMatch(Run run, TcbInfo info) {
        if (run.extension == null) {
            run.add(skipped(Check.TCB_INFO_MATCH, "no PCK extension to compare"));
            return;
        }
        TdReport report = run.quote.report();
        if (!Arrays.equals(info.fmspc(), run.extension.fmspc())
                || !Arrays.equals(info.pceId(), run.extension.pceId())) {
            run.add(fail(
                    Check.TCB_INFO_MATCH,
                    "TCB info is for FMSPC " + Hex.encodeWithoutPrefix(info.fmspc()) + " / PCEID "
                            + Hex.encodeWithoutPrefix(info.pceId())
                            + ", the PCK says " + Hex.encodeWithoutPrefix(run.extension.fmspc()) + " / "
                            + Hex.encodeWithoutPrefix(run.extension.pceId())));
        } else if (!Arrays.equals(info.tdxModuleMrSigner(), report.mrSignerSeam())
                || !masked(report.seamAttributes(), info.tdxModuleAttributesMask(), info.tdxModuleAttributes())) {
            run.add(fail(
                    Check.TCB_INFO_MATCH,
                    "the report's MRSIGNERSEAM or SEAMATTRIBUTES do not match the TDX module identity"));
        } else {
            run.add(pass(
                    Check.TCB_INFO_MATCH, "FMSPC " + Hex.encodeWithoutPrefix(info.fmspc()) + ", TDX module identity"));
        }
    }

    private static void tcbLevel(Run run, TcbInfo info) {
        if (run.extension == null) {
            run.add(skipped(Check.TCB_LEVEL, "no PCK extension to compare"));
            return;
        }
        byte[] teeTcbSvn = run.quote.report().teeTcbSvn();
        int tdxFrom = teeTcbSvn[1] > 0 ? 2 : 0;
        Optional<TcbInfo.Level> level = info.levels().stream()
                .filter(l -> atLeast(run.extension.cpuSvnComponents(), l.sgxComponents(), 0)
                        && run.extension.pceSvn() >= l.pceSvn())
                .filter(l -> atLeast(unsigned(teeTcbSvn), l.tdxComponents(), tdxFrom))
                .findFirst();
        if (level.isEmpty()) {
            run.add(fail(
                    Check.TCB_LEVEL,
                    "no TCB level matches: TEE_TCB_SVN " + Hex.encodeWithoutPrefix(teeTcbSvn) + " with PCK SVNs "
                            + Arrays.toString(run.extension.cpuSvnComponents()) + " / PCESVN " + run.extension.pceSvn()
                            + " is below every level"));
            return;
        }
        run.tcbStatus = level.get().status();
        run.advisories.addAll(level.get().advisoryIds());
        run.add(pass(
                Check.TCB_LEVEL,
                run.tcbStatus.intelName()
                        + (level.get().advisoryIds().isEmpty()
                                ? ""
                                : " " + level.get().advisoryIds())));
    }

    private void debug(Run run) {
        boolean debugTd = run.quote.report().debug();
        run.add(
                debugTd && !policy.allowDebug()
                        ? fail(Check.DEBUG, "a debug TD: its memory is open to the host")
                        : pass(Check.DEBUG, debugTd ? "a debug TD, allowed by policy" : "not a debug TD"));
    }

    private void statusAccepted(Run run) {
        if (run.tcbStatus == null || run.qeStatus == null) {
            run.add(skipped(Check.TCB_STATUS_ACCEPTED, "TCB status undetermined"));
            return;
        }
        TcbStatus status = run.tcbStatus.worse(run.qeStatus);
        run.tcbStatus = status;
        run.add(
                policy.acceptedStatuses().contains(status)
                        ? pass(Check.TCB_STATUS_ACCEPTED, status.intelName() + " is accepted")
                        : fail(
                                Check.TCB_STATUS_ACCEPTED,
                                status.intelName() + " is not an accepted TCB status " + policy.acceptedStatuses()));
    }

    private static boolean masked(byte[] actual, byte[] mask, byte[] expected) {
        if (actual.length != mask.length || expected.length != mask.length) {
            return false;
        }
        for (int i = 0; i < mask.length; i++) {
            if ((actual[i] & mask[i]) != (expected[i] & mask[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean atLeast(int[] actual, int[] required, int from) {
        for (int i = from; i < required.length; i++) {
            if (actual[i] < required[i]) {
                return false;
            }
        }
        return true;
    }

    private static int[] unsigned(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xff;
        }
        return out;
    }

    private static byte[] sha256(byte[] first, byte[] second) {
        var digest = Digests.sha256();
        digest.update(first);
        digest.update(second);
        return digest.digest();
    }

    private record Window(String what, Instant issued, Instant nextUpdate) {}

    /** The state of one verification as its checks run. */
    private static final class Run {
        final Instant at;
        final Optional<Collateral> collateral;
        final List<CheckResult> checks = new ArrayList<>();
        final List<String> advisories = new ArrayList<>();
        TdxQuote quote;
        List<X509Certificate> chain;
        SgxExtension extension;
        TcbStatus tcbStatus;
        TcbStatus qeStatus;

        Run(Instant at, Optional<Collateral> collateral) {
            this.at = at;
            this.collateral = collateral;
        }

        void add(CheckResult result) {
            checks.add(result);
        }

        Verification finish() {
            boolean accepted = checks.stream().allMatch(c -> c.outcome() == CheckResult.Outcome.PASS);
            return new Verification(
                    quote, chain, extension, List.copyOf(checks), tcbStatus, List.copyOf(advisories), accepted);
        }
    }
}
