package dev.gavel.attestation.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.attestation.collateral.Collateral;
import dev.gavel.attestation.collateral.TcbStatus;
import dev.gavel.attestation.pki.TrustAnchor;
import dev.gavel.attestation.testing.AttestationFixtures;
import dev.gavel.attestation.testing.SyntheticDcap;
import dev.gavel.attestation.testing.TestCertificate;
import dev.gavel.fixtures.Fixtures;
import dev.gavel.primitives.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gavel against an independent DCAP verifier, Phala's dcap-qvl (JavaScript, npm 0.3.9, run by node from
 * src/test/js), on the same inputs: every fixture quote with its collateral, synthetic chains under a test
 * root for each TCB status, forged variants signed with the test keys, and a few hundred byte-flipped
 * quotes and collateral documents. For each they must agree on the verdict (valid or not, with Gavel
 * accepting every status but Revoked, as dcap-qvl does) and on the TCB status when one is concluded. Where
 * they differ by design, the case names the {@link Difference}, which says why Gavel is right; a case that
 * names one must show it, so a difference that goes away is noticed.
 */
class DifferentialTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AcceptancePolicy AS_DCAP_QVL = new AcceptancePolicy(
            EnumSet.complementOf(EnumSet.of(TcbStatus.REVOKED)), Duration.ofDays(3650), false, 0, true);
    private static final int QUOTE_FLIPS = 300;
    private static final int COLLATERAL_FLIPS = 60;

    /** Where Gavel and dcap-qvl 0.3.9 differ on purpose, and why Gavel's answer is the right one. */
    enum Difference {
        MODULE_IDENTITY("dcap-qvl does not read tdxModuleIdentities: it compares TEE_TCB_SVN bytes 0 and 1 with the"
                + " level's TDX components, so a module Intel's identity marks OutOfDate or Revoked passes as the level"
                + " says; Intel's QVL (TdxModuleCheck) judges the module by its identity and converges the statuses"),
        CONVERGENCE("dcap-qvl merges the QE's status into the platform's by taking the worse by severity; Intel's QVL"
                + " (convergeTcbStatusWithQeTcbStatus) turns ConfigurationNeeded with an out-of-date QE into"
                + " OutOfDateConfigurationNeeded, keeping the configuration finding"),
        TD_RELAUNCH("dcap-qvl has no TD 1.5 relaunch check: where only the TD's module is out of date and"
                + " TEE_TCB_SVN2 shows the platform already runs the latest one, Intel's QVL (TDRelaunchCheck)"
                + " concludes TDRelaunchAdvised, dcap-qvl OutOfDate"),
        MODULE_SIGNER("dcap-qvl checks neither MRSIGNERSEAM nor SEAMATTRIBUTES against the TCB info's TDX module,"
                + " nor that the module's version has an identity; Intel's QVL (4.1.2.4.11) refuses a module that is"
                + " not the one its collateral describes"),
        QE_VENDOR("dcap-qvl does not check the QE vendor id; Intel's QVL (Quote::validate) requires Intel's"),
        QE_REPORT_DATA("dcap-qvl compares only the first 32 bytes of the QE report data; the DCAP quote format defines"
                + " it as SHA-256(attestation key ‖ QE auth data) followed by 32 zero bytes, and Gavel checks all 64"),
        CRL_UNCHECKED("dcap-qvl looks serial numbers up in whatever CRLs it is given, without checking who signed"
                + " them or when they expire; Gavel (like Intel's QVL) verifies each CRL against its issuer and its"
                + " validity window"),
        CRL_MISSING("dcap-qvl checks a certificate against the CRLs it has, whatever their issuer; Gavel refuses a"
                + " certificate whose issuer's CRL is missing: its revocation is unknown, so it fails closed"),
        INTERMEDIATE_NOT_CA("dcap-qvl only checks that the leaf is no CA; Gavel also requires every issuer to be a CA"
                + " allowed to sign certificates (basicConstraints, keyUsage keyCertSign)"),
        SIGNING_ROLE("dcap-qvl accepts collateral signed by any non-CA certificate under the root, a PCK key"
                + " included; Gavel (like Intel's QVL) requires the TCB signing certificate, issued by the root"),
        DUPLICATE_KEYS("a signed tcbInfo holding a key twice is ambiguous JSON: dcap-qvl's JSON.parse takes the last"
                + " value, Gavel refuses it (Intel never signs such a document)"),
        TCB_TYPE("Intel's QVL supports tcbType 0 only; dcap-qvl ignores tcbType"),
        CERTIFICATION_DATA_TYPE("the certification data type (6, QE report) is covered by no signature; Intel's QVL"
                + " (Quote::validate) and Gavel require 6, dcap-qvl reads the data whatever the type says"),
        CHAIN_DAMAGE("dcap-qvl reads the quote's PEM chain with a lenient regex (a certificate it cannot match is"
                + " skipped, a truncated one dropped, non-canonical base64 and stray carriage returns pass) and"
                + " verifies to its own root; Intel's QVL parses the whole chain and requires its root to be the"
                + " trusted one, and Gavel refuses any byte of the quote it cannot account for");

        final String why;

        Difference(String why) {
            this.why = why;
        }
    }

    /** What a verifier concluded: valid or not, and the TCB status when it got that far. */
    record Outcome(boolean valid, String status) {
        @Override
        public String toString() {
            return (valid ? "valid" : "invalid") + (status == null ? "" : " " + status);
        }
    }

    /**
     * One input for both verifiers. With {@code expected}, Gavel must conclude exactly that; with {@code
     * difference}, the two must differ (that way); with {@code tolerated}, they may differ that way.
     */
    record Case(
            String id,
            String kind,
            byte[] quote,
            String bundle,
            X509Certificate root,
            Instant at,
            Outcome expected,
            Difference difference,
            Difference tolerated) {}

    @TempDir
    Path directory;

    private final SyntheticDcap dcap = new SyntheticDcap();
    private final List<Case> cases = new ArrayList<>();

    @Test
    void gavelAndDcapQvlAgreeExceptWhereGavelFollowsIntelMoreClosely() throws Exception {
        long seed = Long.getLong("differential.seed", new SplittableRandom().nextLong());
        fixtures();
        statuses();
        forgeries();
        quoteFlips(new SplittableRandom(seed));
        collateralFlips(new SplittableRandom(seed + 1));

        Map<String, Outcome> theirs = dcapQvl(cases);
        Map<String, Integer> agreed = new LinkedHashMap<>();
        Map<String, Integer> total = new LinkedHashMap<>();
        Map<Difference, Integer> differed = new EnumMap<>(Difference.class);
        List<String> unexplained = new ArrayList<>();
        int inRoot = 0;
        for (Case c : cases) {
            Verification verification = gavel(c);
            Outcome ours = outcome(verification);
            verification.checks().stream()
                    .filter(r -> r.reason().startsWith("cannot be checked:"))
                    .forEach(r -> unexplained.add(c.id() + ": Gavel met an exception at " + r.check() + ": "
                            + r.reason() + " (seed " + seed + ")"));
            Outcome other = theirs.get(c.id());
            total.merge(c.kind(), 1, Integer::sum);
            String line = c.id() + ": Gavel " + ours + ", dcap-qvl " + other + " (seed " + seed + ")";
            if (c.expected() != null && !c.expected().equals(ours)) {
                unexplained.add(line + ", but Gavel should conclude " + c.expected());
            }
            if (ours.equals(other)) {
                agreed.merge(c.kind(), 1, Integer::sum);
                if (c.difference() != null) {
                    unexplained.add(line + ": named " + c.difference() + ", which no longer shows");
                }
            } else if (c.difference() != null) {
                differed.merge(c.difference(), 1, Integer::sum);
            } else if (c.tolerated() != null
                    && !ours.valid()
                    && other.valid()
                    && verification
                            .firstProblem()
                            .map(CheckResult::check)
                            .filter(Set.of(Check.PARSE, Check.PCK_CHAIN)::contains)
                            .isPresent()) {
                differed.merge(c.tolerated(), 1, Integer::sum);
                inRoot += c.id().contains(" in the root's PEM") ? 1 : 0;
            } else {
                unexplained.add(line);
            }
        }
        System.out.println("Gavel vs dcap-qvl 0.3.9, seed " + seed + ":");
        total.forEach((kind, n) ->
                System.out.printf("  %-22s %4d cases, %4d agree%n", kind, n, agreed.getOrDefault(kind, 0)));
        differed.forEach((difference, n) -> System.out.printf("  differ by design: %-24s %4d%n", difference, n));
        System.out.printf(
                "  (of the byte flips that differ, %d lie in the quote's copy of the root certificate)%n", inRoot);

        assertThat(unexplained).as("disagreements no Difference explains").isEmpty();
        assertThat(cases).hasSizeGreaterThan(QUOTE_FLIPS + COLLATERAL_FLIPS + 40);
        assertThat(agreed.values().stream().mapToInt(Integer::intValue).sum())
                .as("most cases agree")
                .isGreaterThan(cases.size() * 3 / 4);
    }

    /** Every fixture quote with the fixtures' collateral (the SPR_E4 platform's, 2023) at 2023-07-01. */
    private void fixtures() throws Exception {
        X509Certificate intel = AttestationFixtures.intelRoot().root();
        String bundle = new String(AttestationFixtures.bundle2023(), StandardCharsets.UTF_8);
        Outcome refused = new Outcome(false, null);
        for (String quote : List.of(
                "go-tdx-guest/tdx_prod_quote_SPR_E4.dat",
                "op-rbuilder-test-quote.bin",
                "go-tdx-guest/cos-113-tdx-quote.dat",
                "go-tdx-guest/quote_v5_sample.dat")) {
            cases.add(new Case(
                    "fixture " + quote,
                    "fixtures",
                    Fixtures.bytes("tdx/" + quote),
                    bundle,
                    intel,
                    AttestationFixtures.COLLATERAL_2023_TIME,
                    refused,
                    null,
                    null));
        }
    }

    /** A synthetic platform in each TCB status, and in each way its chain can be revoked. */
    private void statuses() {
        add("UpToDate", dcap.quote(), dcap.bundle(), valid("UpToDate"), null);
        add(
                "SWHardeningNeeded",
                dcap.quote(),
                tcbInfo(t -> t.withoutLevels()
                        .level(svns(5, 0, 3), "SWHardeningNeeded", "INTEL-SA-00615")
                        .level(svns(2, 0, 2), "OutOfDate")),
                valid("SWHardeningNeeded"),
                null);
        add(
                "ConfigurationNeeded",
                dcap.quote(),
                tcbInfo(t -> t.withoutLevels().level(svns(5, 0, 3), "ConfigurationNeeded")),
                valid("ConfigurationNeeded"),
                null);
        add("OutOfDate", dcap.quote().svn(5, 1, 2), dcap.bundle(), valid("OutOfDate"), null);
        add(
                "Revoked",
                dcap.quote(),
                tcbInfo(t -> t.withoutLevels().level(svns(5, 0, 3), "Revoked")),
                new Outcome(false, "Revoked"),
                null);
        add("no matching level", dcap.quote().svn(5, 1, 1), dcap.bundle(), new Outcome(false, null), null);
        add("module OutOfDate", dcap.quote().svn(3, 1, 3), dcap.bundle(), valid("OutOfDate"), null);
        add(
                "module OutOfDate, identity only",
                dcap.quote().svn(3, 1, 3),
                tcbInfo(t -> t.withoutLevels().level(svns(0, 0, 3), "UpToDate").level(svns(0, 0, 2), "OutOfDate")),
                valid("OutOfDate"),
                Difference.MODULE_IDENTITY);
        add(
                "module Revoked",
                dcap.quote().svn(3, 1, 3),
                tcbInfo(t ->
                        t.withoutModuleIdentities().moduleIdentity("TDX_01", new int[] {5, 2}, "UpToDate", "Revoked")),
                new Outcome(false, "Revoked"),
                Difference.MODULE_IDENTITY);
        add(
                "QE OutOfDate",
                dcap.quote(),
                qeIdentity(q -> q.levels(new int[] {9, 4}, "UpToDate", "OutOfDate")),
                valid("OutOfDate"),
                null);
        add(
                "QE Revoked",
                dcap.quote(),
                qeIdentity(q -> q.levels(new int[] {9, 4}, "UpToDate", "Revoked")),
                new Outcome(false, "Revoked"),
                null);
        SyntheticDcap.Bundle configurationAndQe =
                tcbInfo(t -> t.withoutLevels().level(svns(5, 0, 3), "ConfigurationNeeded"));
        configurationAndQe.qeIdentity(dcap.qeIdentity().levels(new int[] {9, 4}, "UpToDate", "OutOfDate"));
        add(
                "ConfigurationNeeded, QE OutOfDate",
                dcap.quote(),
                configurationAndQe,
                valid("OutOfDateConfigurationNeeded"),
                Difference.CONVERGENCE);
        add("TD 1.5 UpToDate", dcap.quote().v5(), dcap.bundle(), valid("UpToDate"), null);
        add(
                "TD 1.5 relaunch",
                dcap.quote().v5().svn(3, 1, 3).svn2(5, 1, 3),
                dcap.bundle(),
                valid("TDRelaunchAdvised"),
                Difference.TD_RELAUNCH);
        SyntheticDcap.Bundle pckRevoked = dcap.bundle();
        pckRevoked.pckCrl = dcap.pckCrl(dcap.pck.serial());
        add("PCK revoked", dcap.quote(), pckRevoked, new Outcome(false, null), null);
        SyntheticDcap.Bundle caRevoked = dcap.bundle();
        caRevoked.rootCrl = dcap.rootCrl(dcap.platformCa.serial());
        add("PCK CA revoked", dcap.quote(), caRevoked, new Outcome(false, null), null);
        SyntheticDcap.Bundle signingRevoked = dcap.bundle();
        signingRevoked.rootCrl = dcap.rootCrl(dcap.tcbSigning.serial());
        add("TCB signing revoked", dcap.quote(), signingRevoked, new Outcome(false, null), null);
    }

    /** Quotes and collateral signed with the test keys as a forger holding them would sign them. */
    private void forgeries() {
        Outcome refused = new Outcome(false, null);
        SyntheticDcap.Quote debug = dcap.quote();
        debug.tdAttributes[0] = 1;
        add("debug TD", debug, dcap.bundle(), refused, null);
        SyntheticDcap.Quote noSeptVe = dcap.quote();
        noSeptVe.tdAttributes[3] = 0;
        add("no SEPT_VE_DISABLE", noSeptVe, dcap.bundle(), refused, null);
        SyntheticDcap.Quote reserved = dcap.quote();
        reserved.tdAttributes[2] = 1;
        add("reserved TD attribute", reserved, dcap.bundle(), refused, null);
        SyntheticDcap.Quote serviceTd = dcap.quote().v5();
        serviceTd.mrServiceTd[47] = 1;
        add("service TD bound", serviceTd, dcap.bundle(), refused, null);
        SyntheticDcap.Quote otherQe = dcap.quote();
        otherQe.qeMrSigner[0] ^= 1;
        add("QE MRSIGNER", otherQe, dcap.bundle(), refused, null);
        SyntheticDcap.Quote otherProduct = dcap.quote();
        otherProduct.qeIsvProdId = 1;
        add("QE ISVPRODID", otherProduct, dcap.bundle(), refused, null);
        SyntheticDcap.Quote oldQe = dcap.quote();
        oldQe.qeIsvSvn = 3;
        add("QE below every level", oldQe, dcap.bundle(), refused, null);
        SyntheticDcap.Quote qeKey = dcap.quote();
        qeKey.qeReportSigner = TestCertificate.p256();
        add("QE report not signed by the PCK", qeKey, dcap.bundle(), refused, null);
        SyntheticDcap.Quote quoteKey = dcap.quote();
        quoteKey.quoteSigner = TestCertificate.p256();
        add("quote not signed by the attestation key", quoteKey, dcap.bundle(), refused, null);
        add(
                "TCB info for another FMSPC",
                dcap.quote(),
                tcbInfo(t -> t.with(b -> b.put("fmspc", "00806f000000"))),
                refused,
                null);
        add("SGX TCB info", dcap.quote(), tcbInfo(t -> t.with(b -> b.put("id", "SGX"))), refused, null);
        add(
                "TCB info expired",
                dcap.quote(),
                tcbInfo(t -> t.with(b -> b.put("nextUpdate", "2026-05-31T00:00:00Z"))),
                refused,
                null);
        add(
                "TCB info not yet issued",
                dcap.quote(),
                tcbInfo(t -> t.with(b -> b.put("issueDate", "2026-06-02T00:00:00Z"))),
                refused,
                null);
        add(
                "QE identity expired",
                dcap.quote(),
                qeIdentity(q -> q.with(b -> b.put("nextUpdate", "2026-05-31T00:00:00Z"))),
                refused,
                null);
        add("QE identity of the SGX QE", dcap.quote(), qeIdentity(q -> q.with(b -> b.put("id", "QE"))), refused, null);
        SyntheticDcap.Bundle otherSigner = dcap.bundle();
        otherSigner.tcbInfoSigner = TestCertificate.p256();
        add("TCB info signed by another key", dcap.quote(), otherSigner, refused, null);

        SyntheticDcap.Quote vendor = dcap.quote();
        vendor.vendor[0] ^= 1;
        add("QE vendor not Intel", vendor, dcap.bundle(), refused, Difference.QE_VENDOR);
        SyntheticDcap.Quote tail = dcap.quote();
        tail.qeReportDataTail[31] = 1;
        add("QE report data tail", tail, dcap.bundle(), refused, Difference.QE_REPORT_DATA);
        SyntheticDcap.Quote seam = dcap.quote();
        seam.seamAttributes[0] = 1;
        add("SEAMATTRIBUTES", seam, dcap.bundle(), refused, Difference.MODULE_SIGNER);
        SyntheticDcap.Quote seamSigner = dcap.quote();
        seamSigner.mrSignerSeam[0] = 1;
        add("MRSIGNERSEAM", seamSigner, dcap.bundle(), refused, Difference.MODULE_SIGNER);
        add(
                "module version without identity",
                dcap.quote().svn(5, 2, 3),
                dcap.bundle(),
                refused,
                Difference.MODULE_SIGNER);
        SyntheticDcap.Bundle forgedCrl = dcap.bundle();
        forgedCrl.pckCrl = dcap.platformCa.crlSignedWith(
                dcap.pck.keys(),
                SyntheticDcap.NOW.minus(1, ChronoUnit.DAYS),
                SyntheticDcap.NOW.plus(1, ChronoUnit.DAYS));
        add("PCK CRL not signed by its CA", dcap.quote(), forgedCrl, refused, Difference.CRL_UNCHECKED);
        SyntheticDcap.Bundle staleCrl = dcap.bundle();
        staleCrl.pckCrl = dcap.platformCa.crl(
                SyntheticDcap.NOW.minus(60, ChronoUnit.DAYS), SyntheticDcap.NOW.minus(30, ChronoUnit.DAYS));
        add("PCK CRL expired", dcap.quote(), staleCrl, refused, Difference.CRL_UNCHECKED);
        TestCertificate processorCa = TestCertificate.builder("Test SGX PCK Processor CA")
                .issuedBy(dcap.root)
                .ca()
                .serial(20)
                .build();
        SyntheticDcap.Quote processorPck = dcap.quote().signedThrough(dcap.pckUnder(processorCa, 21), processorCa);
        add("PCK of a CA whose CRL is missing", processorPck, dcap.bundle(), refused, Difference.CRL_MISSING);
        TestCertificate notCa = TestCertificate.builder("Test SGX PCK Platform CA")
                .issuedBy(dcap.root)
                .serial(22)
                .build();
        SyntheticDcap.Quote underNotCa = dcap.quote().signedThrough(dcap.pckUnder(notCa, 23), notCa);
        SyntheticDcap.Bundle notCaCrl = dcap.bundle();
        notCaCrl.pckCrl =
                notCa.crl(SyntheticDcap.NOW.minus(1, ChronoUnit.DAYS), SyntheticDcap.NOW.plus(1, ChronoUnit.DAYS));
        add("PCK under an intermediate that is no CA", underNotCa, notCaCrl, refused, Difference.INTERMEDIATE_NOT_CA);
        SyntheticDcap.Bundle pckSigned = dcap.bundle();
        pckSigned.tcbInfoSigner = dcap.pck.keys();
        pckSigned.tcbInfoIssuerChain =
                SyntheticDcap.pem(dcap.pck.certificate(), dcap.platformCa.certificate(), dcap.root.certificate());
        add("TCB info signed by a PCK key", dcap.quote(), pckSigned, refused, Difference.SIGNING_ROLE);
        SyntheticDcap.Bundle twice = dcap.bundle();
        String zeroLevel = JSON.writeValueAsString(dcap.tcbInfo()
                .withoutLevels()
                .level(svns(), "UpToDate")
                .body
                .get("tcbLevels")
                .get(0));
        int levels = twice.tcbInfo.lastIndexOf("\"tcbLevels\":[");
        twice.tcbInfo = twice.tcbInfo.substring(0, levels) + "\"tcbLevels\":[],\"tcbLevels\":[" + zeroLevel + ","
                + twice.tcbInfo.substring(levels + "\"tcbLevels\":[".length());
        add("signed tcbInfo with a key twice", dcap.quote().svn(5, 1, 2), twice, refused, Difference.DUPLICATE_KEYS);
        add("tcbType 1", dcap.quote(), tcbInfo(t -> t.with(b -> b.put("tcbType", 1))), refused, Difference.TCB_TYPE);
    }

    /** The UpToDate quote with one byte changed anywhere. */
    private void quoteFlips(SplittableRandom random) {
        SyntheticDcap.Quote spec = dcap.quote();
        byte[] quote = spec.build();
        String bundle = dcap.bundle().json();
        int rootPem = new String(quote, StandardCharsets.ISO_8859_1).lastIndexOf("-----BEGIN CERTIFICATE-----");
        int certificationType = 764;
        int innerSize = 1254;
        int pemStart = 1258;
        for (int i = 0; i < QUOTE_FLIPS; i++) {
            byte[] changed = quote.clone();
            int position = random.nextInt(changed.length);
            int flip = random.nextInt(1, 256);
            changed[position] ^= (byte) flip;
            Difference tolerated = position >= certificationType && position < certificationType + 2
                    ? Difference.CERTIFICATION_DATA_TYPE
                    : position >= innerSize ? Difference.CHAIN_DAMAGE : null;
            cases.add(new Case(
                    String.format(
                            "flip %d: quote byte %d ^ 0x%02x%s",
                            i, position, flip, position >= rootPem ? " in the root's PEM" : ""),
                    "byte-flipped quotes",
                    changed,
                    bundle,
                    dcap.root.certificate(),
                    SyntheticDcap.NOW,
                    tolerated == null ? new Outcome(false, null) : null,
                    null,
                    tolerated));
        }
    }

    /** The UpToDate collateral with one character of a signed document or of a signature changed. */
    private void collateralFlips(SplittableRandom random) {
        byte[] quote = dcap.quote().build();
        for (int i = 0; i < COLLATERAL_FLIPS; i++) {
            SyntheticDcap.Bundle bundle = dcap.bundle().signNow();
            int part = random.nextInt(4);
            String what;
            if (part < 2) {
                String text = part == 0 ? bundle.tcbInfo : bundle.qeIdentity;
                int position = random.nextInt(text.length());
                char changed = printableOtherThan(text.charAt(position), random);
                String flipped = text.substring(0, position) + changed + text.substring(position + 1);
                if (part == 0) {
                    bundle.tcbInfo = flipped;
                } else {
                    bundle.qeIdentity = flipped;
                }
                what = (part == 0 ? "tcb_info" : "qe_identity") + " char " + position + " -> '" + changed + "'";
            } else {
                String signature = part == 2 ? bundle.tcbInfoSignature : bundle.qeIdentitySignature;
                int position = random.nextInt(signature.length());
                char digit = "0123456789abcdef"
                        .charAt((Character.digit(signature.charAt(position), 16) + random.nextInt(1, 16)) % 16);
                String flipped = signature.substring(0, position) + digit + signature.substring(position + 1);
                if (part == 2) {
                    bundle.tcbInfoSignature = flipped;
                } else {
                    bundle.qeIdentitySignature = flipped;
                }
                what = (part == 2 ? "tcb_info" : "qe_identity") + "_signature digit " + position;
            }
            cases.add(new Case(
                    "flip " + i + ": collateral " + what,
                    "changed collateral",
                    quote,
                    bundle.json(),
                    dcap.root.certificate(),
                    SyntheticDcap.NOW,
                    new Outcome(false, null),
                    null,
                    null));
        }
    }

    /** Gavel's verification of the case; collateral it cannot load is no collateral (and refused for it). */
    private static Verification gavel(Case c) {
        Optional<Collateral> collateral;
        try {
            collateral = Optional.of(AttestationFixtures.bundle(c.bundle().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            collateral = Optional.empty();
        }
        return new DcapVerifier(new TrustAnchor(c.root()), AS_DCAP_QVL, Clock.fixed(c.at(), ZoneOffset.UTC))
                .verify(c.quote(), collateral);
    }

    private static Outcome outcome(Verification verification) {
        boolean statusReached = verification.checks().stream()
                .filter(CheckResult::failed)
                .allMatch(r -> r.check() == Check.TCB_STATUS_ACCEPTED);
        return new Outcome(
                verification.accepted(),
                statusReached && verification.tcbStatus() != null
                        ? verification.tcbStatus().intelName()
                        : null);
    }

    /** Runs every case through dcap-qvl in one node process; answers its outcome by case id. */
    private Map<String, Outcome> dcapQvl(List<Case> cases) throws IOException, InterruptedException {
        Path input = directory.resolve("cases.jsonl");
        Path output = directory.resolve("outcomes.jsonl");
        Path errors = directory.resolve("stderr.txt");
        List<String> lines = new ArrayList<>();
        for (Case c : cases) {
            ObjectNode line = JSON.createObjectNode()
                    .put("id", c.id())
                    .put("quote", Hex.encodeWithoutPrefix(c.quote()))
                    .put("root", Hex.encodeWithoutPrefix(encoded(c.root())))
                    .put("now", c.at().getEpochSecond());
            line.set("collateral", JSON.readTree(c.bundle()));
            lines.add(JSON.writeValueAsString(line));
        }
        Files.write(input, lines);
        Path js = Path.of("src/test/js").toAbsolutePath();
        assertThat(js.resolve("node_modules/@phala/dcap-qvl"))
                .as("dcap-qvl is installed by the build (npm install in src/test/js)")
                .exists();
        Process node = new ProcessBuilder("node", "differential.js")
                .directory(js.toFile())
                .redirectInput(input.toFile())
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("dcap-qvl finishes").isTrue();
        assertThat(node.exitValue()).as(Files.readString(errors)).isZero();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(output)) {
            JsonNode answer = JSON.readTree(line);
            outcomes.put(
                    answer.get("id").asString(),
                    new Outcome(
                            answer.get("verdict").asString().equals("valid"),
                            answer.get("status").isNull()
                                    ? null
                                    : answer.get("status").asString()));
        }
        assertThat(outcomes.keySet()).as("dcap-qvl answered every case").hasSize(cases.size());
        return outcomes;
    }

    private void add(
            String id,
            SyntheticDcap.Quote quote,
            SyntheticDcap.Bundle bundle,
            Outcome expected,
            Difference difference) {
        cases.add(new Case(
                id,
                difference == null ? "synthetic" : "synthetic (differs)",
                quote.build(),
                bundle.json(),
                dcap.root.certificate(),
                SyntheticDcap.NOW,
                expected,
                difference,
                null));
    }

    private SyntheticDcap.Bundle tcbInfo(Consumer<SyntheticDcap.TcbInfo> change) {
        SyntheticDcap.TcbInfo info = dcap.tcbInfo();
        change.accept(info);
        return dcap.bundle().tcbInfo(info);
    }

    private SyntheticDcap.Bundle qeIdentity(Consumer<SyntheticDcap.QeIdentity> change) {
        SyntheticDcap.QeIdentity identity = dcap.qeIdentity();
        change.accept(identity);
        return dcap.bundle().qeIdentity(identity);
    }

    private static Outcome valid(String status) {
        return new Outcome(true, status);
    }

    private static char printableOtherThan(char c, SplittableRandom random) {
        char other;
        do {
            other = (char) random.nextInt(0x20, 0x7f);
        } while (other == c);
        return other;
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Integer> svns(int... leading) {
        List<Integer> svns = new ArrayList<>(Collections.nCopies(16, 0));
        for (int i = 0; i < leading.length; i++) {
            svns.set(i, leading[i]);
        }
        return svns;
    }
}
