package dev.gavel.attestation.verify;

import static dev.gavel.attestation.verify.CheckResult.fail;
import static dev.gavel.attestation.verify.CheckResult.pass;
import static dev.gavel.attestation.verify.CheckResult.skipped;

import dev.gavel.attestation.collateral.Collateral;
import dev.gavel.attestation.pki.CertificateRole;
import dev.gavel.attestation.pki.ChainVerifier;
import dev.gavel.attestation.pki.PemCertificates;
import dev.gavel.attestation.pki.SgxExtension;
import dev.gavel.attestation.pki.Signatures;
import dev.gavel.attestation.pki.TrustAnchor;
import dev.gavel.attestation.quote.QuoteFormatException;
import dev.gavel.attestation.quote.QuoteParser;
import dev.gavel.attestation.quote.TdxQuote;
import dev.gavel.primitives.Digests;
import dev.gavel.primitives.Hex;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Intel DCAP verification of TDX quotes, offline, in Intel's order: header, PCK chain to the pinned root
 * (validity, CA rules, the PCK role, CRLs that must be there), the PCK's SGX extension, the QE report signed
 * by the PCK key, the attestation key bound to the QE, the quote signed by that key; then the collateral
 * ({@link CollateralChecks}: its signatures, freshness, QE identity, TCB info, the TDX module, the TCB level
 * and convergence); then the acceptance policy ({@link TdPolicy}). Every check is reported; hostile input
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
        VerificationRun run = new VerificationRun(clock.instant(), collateral);
        try {
            run.quote = QuoteParser.parse(quoteBytes);
            run.add(pass(Check.PARSE, "TDX quote v" + run.quote.version() + ", body type " + run.quote.bodyType()));
        } catch (QuoteFormatException | RuntimeException e) {
            run.add(fail(Check.PARSE, e.getMessage()));
            return run.finish();
        }
        try {
            header(run);
            if (pckChain(run)) {
                revocation(run);
                pckExtension(run);
                qeReportSignature(run);
            }
            attestationKeyBinding(run);
            quoteSignature(run);
            new CollateralChecks(chains, policy).run(run);
            new TdPolicy(policy).run(run);
        } catch (RuntimeException e) {
            // never an exception for hostile input: the check that was running fails, with what went wrong
            Check running = Arrays.stream(Check.values())
                    .filter(check -> run.checks.stream().noneMatch(r -> r.check() == check))
                    .findFirst()
                    .orElse(Check.TCB_STATUS_ACCEPTED);
            run.add(fail(running, "cannot be checked: " + e));
        }
        return run.finish();
    }

    private static void header(VerificationRun run) {
        TdxQuote q = run.quote;
        if (q.attestationKeyType() != TdxQuote.ECDSA_P256_KEY_TYPE) {
            run.add(fail(Check.HEADER, "attestation key type " + q.attestationKeyType() + " is not 2 (ECDSA P-256)"));
        } else if (q.teeType() != TdxQuote.TDX_TEE_TYPE) {
            run.add(fail(Check.HEADER, "tee type " + Hex.quantity(q.teeType()) + " is not TDX (0x81)"));
        } else if (!q.intelQe()) {
            run.add(fail(Check.HEADER, "QE vendor id " + Hex.encodeWithoutPrefix(q.qeVendorId()) + " is not Intel's"));
        } else {
            run.add(pass(Check.HEADER, "version " + q.version() + ", ECDSA P-256, TDX, Intel QE"));
        }
    }

    private boolean pckChain(VerificationRun run) {
        try {
            run.chain = PemCertificates.parse(run.quote.pckChainPem());
        } catch (GeneralSecurityException e) {
            run.add(fail(Check.PCK_CHAIN, "PCK chain unreadable: " + e.getMessage()));
            return false;
        }
        Optional<String> problem = chains.problem(run.chain, run.at).or(() -> CertificateRole.PCK.problem(run.chain));
        run.add(problem.map(p -> fail(Check.PCK_CHAIN, p))
                .orElseGet(() -> pass(
                        Check.PCK_CHAIN, run.chain.size() + " certificates, a PCK certificate to the pinned root")));
        return problem.isEmpty();
    }

    private void revocation(VerificationRun run) {
        if (run.collateral.isEmpty()) {
            run.add(skipped(Check.PCK_REVOCATION, "no collateral given: CRLs unknown"));
            return;
        }
        Optional<String> problem =
                chains.revocation(run.chain, run.at, run.collateral.get().crls());
        run.add(problem.map(p -> fail(Check.PCK_REVOCATION, p))
                .orElseGet(() -> pass(Check.PCK_REVOCATION, "every certificate checked against its issuer's CRL")));
    }

    private static void pckExtension(VerificationRun run) {
        try {
            run.extension = SgxExtension.of(run.chain.get(0));
            run.add(pass(
                    Check.PCK_EXTENSION,
                    "FMSPC " + Hex.encodeWithoutPrefix(run.extension.fmspc().toArray()) + ", PCEID "
                            + Hex.encodeWithoutPrefix(run.extension.pceId().toArray()) + ", PCESVN "
                            + run.extension.pceSvn()));
        } catch (java.io.IOException | RuntimeException e) {
            run.add(fail(Check.PCK_EXTENSION, e.getMessage()));
        }
    }

    private static void qeReportSignature(VerificationRun run) {
        boolean valid = Signatures.verify(
                run.chain.get(0).getPublicKey(), run.quote.qeReport().raw(), run.quote.qeReportSignature());
        run.add(
                valid
                        ? pass(Check.QE_REPORT_SIGNATURE, "QE report signed by the PCK key")
                        : fail(
                                Check.QE_REPORT_SIGNATURE,
                                "QE report signature does not verify under the PCK certificate's key"));
    }

    private static void attestationKeyBinding(VerificationRun run) {
        byte[] reportData = run.quote.qeReport().reportData();
        MessageDigest sha256 = Digests.sha256();
        sha256.update(run.quote.attestationKey());
        sha256.update(run.quote.qeAuthData());
        byte[] expected = sha256.digest();
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

    private static void quoteSignature(VerificationRun run) {
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

    static List<Check> collateralChecks() {
        return List.of(
                Check.COLLATERAL_SIGNATURES,
                Check.COLLATERAL_FRESHNESS,
                Check.QE_IDENTITY,
                Check.TCB_INFO_MATCH,
                Check.TDX_MODULE,
                Check.TCB_LEVEL,
                Check.TCB_EVALUATION_DATA_NUMBER);
    }
}
