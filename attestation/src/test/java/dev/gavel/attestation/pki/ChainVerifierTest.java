package dev.gavel.attestation.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.attestation.testing.TestCertificate;
import dev.gavel.fixtures.Fixtures;
import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** Chains and CRLs made with test keys: a foreign root, revocation that fails closed, CA rules, roles. */
class ChainVerifierTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private final TestCertificate root =
            TestCertificate.builder("Test SGX Root CA").ca().build();
    private final TestCertificate platform = TestCertificate.builder("Test SGX PCK Platform CA")
            .issuedBy(root)
            .serial(2)
            .ca()
            .build();
    private final TestCertificate pck = TestCertificate.builder("Test SGX PCK Certificate")
            .issuedBy(platform)
            .serial(3)
            .build();
    private final ChainVerifier verifier = new ChainVerifier(new TrustAnchor(root.certificate()));

    @Test
    void aChainToAnotherRootIsRefused() throws Exception {
        TrustAnchor intel = new TrustAnchor(PemCertificates.parse(Fixtures.bytes("tdx/intel_sgx_root_ca.pem"))
                .get(0));

        assertThat(new ChainVerifier(intel).problem(chain(pck, platform), NOW))
                .hasValueSatisfying(reason -> assertThat(reason).contains("not the pinned root"));
    }

    @Test
    void theSameChainHoldsUnderItsOwnRootAndRoles() {
        assertThat(verifier.problem(chain(pck, platform), NOW)).isEmpty();
        assertThat(CertificateRole.PCK.problem(chain(pck, platform))).isEmpty();
        assertThat(verifier.revocation(chain(pck, platform), NOW, List.of(rootCrl(), platformCrl())))
                .isEmpty();
    }

    @Test
    void aPckListedOnItsIssuersCrlIsRefused() {
        X509CRL crl = platform.crl(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS), pck.serial());

        assertThat(verifier.revocation(chain(pck, platform), NOW, List.of(rootCrl(), crl)))
                .hasValueSatisfying(reason ->
                        assertThat(reason).contains("Test SGX PCK Certificate").contains("is revoked"));
    }

    @Test
    void revocationFailsClosedWhenAnIssuersCrlIsMissing() {
        assertThat(verifier.revocation(chain(pck, platform), NOW, List.of(rootCrl())))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("no CRL of Test SGX PCK Platform CA")
                        .contains("whether Test SGX PCK Certificate")
                        .contains("is unknown"));
        assertThat(verifier.revocation(chain(pck, platform), NOW, List.of(platformCrl())))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no CRL of Test SGX Root CA"));
    }

    @Test
    void aPckOfTheProcessorCaIsNotCoveredByThePlatformCasCrl() {
        TestCertificate processor = TestCertificate.builder("Test SGX PCK Processor CA")
                .issuedBy(root)
                .serial(4)
                .ca()
                .build();
        TestCertificate processorPck = TestCertificate.builder("Test SGX PCK Certificate")
                .issuedBy(processor)
                .serial(5)
                .build();

        assertThat(verifier.problem(chain(processorPck, processor), NOW)).isEmpty();
        assertThat(verifier.revocation(chain(processorPck, processor), NOW, List.of(rootCrl(), platformCrl())))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no CRL of Test SGX PCK Processor CA"));
    }

    @Test
    void aCrlNotSignedByItsIssuerOrNotCurrentIsRefused() {
        X509CRL forged =
                platform.crlSignedWith(pck.keys(), NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS));
        X509CRL stale = platform.crl(NOW.minus(60, ChronoUnit.DAYS), NOW.minus(30, ChronoUnit.DAYS));

        assertThat(verifier.revocation(chain(pck, platform), NOW, List.of(rootCrl(), forged)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is not signed by it"));
        assertThat(verifier.revocation(chain(pck, platform), NOW, List.of(rootCrl(), stale)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is not current"));
    }

    @Test
    void anIntermediateMustBeACaAllowedToSignCertificates() {
        TestCertificate notCa = TestCertificate.builder("Test SGX PCK Platform CA")
                .issuedBy(root)
                .serial(6)
                .build();
        TestCertificate noKeyCertSign = TestCertificate.builder("Test SGX PCK Platform CA")
                .issuedBy(root)
                .serial(7)
                .ca()
                .keyUsage(KeyUsage.cRLSign)
                .build();
        TestCertificate noBasicConstraints = TestCertificate.builder("Test SGX PCK Platform CA")
                .issuedBy(root)
                .serial(8)
                .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                .withoutBasicConstraints()
                .build();

        for (TestCertificate intermediate : List.of(notCa, noKeyCertSign, noBasicConstraints)) {
            TestCertificate leaf = TestCertificate.builder("Test SGX PCK Certificate")
                    .issuedBy(intermediate)
                    .serial(9)
                    .build();
            assertThat(verifier.problem(chain(leaf, intermediate), NOW))
                    .as(intermediate.certificate().toString())
                    .hasValueSatisfying(reason -> assertThat(reason).containsAnyOf("is not a CA", "keyCertSign"));
        }
    }

    @Test
    void aCaCertificateIsNoEndEntityAndACrlNeedsCrlSign() {
        TestCertificate caAsLeaf = TestCertificate.builder("Test SGX PCK Certificate")
                .issuedBy(platform)
                .serial(10)
                .ca()
                .build();
        TestCertificate noCrlSign = TestCertificate.builder("Test SGX PCK Platform CA")
                .issuedBy(root)
                .serial(11)
                .ca()
                .keyUsage(KeyUsage.keyCertSign)
                .build();
        TestCertificate leaf = TestCertificate.builder("Test SGX PCK Certificate")
                .issuedBy(noCrlSign)
                .serial(12)
                .build();

        assertThat(verifier.problem(List.of(caAsLeaf.certificate(), platform.certificate(), root.certificate()), NOW))
                .hasValueSatisfying(reason -> assertThat(reason).contains("used as an end entity"));
        assertThat(verifier.revocation(
                        chain(leaf, noCrlSign),
                        NOW,
                        List.of(rootCrl(), noCrlSign.crl(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(1, ChronoUnit.DAYS)))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("cRLSign"));
    }

    @Test
    void theTcbSigningRoleIsACertificateOfTheRootItself() {
        TestCertificate signing = TestCertificate.builder("Test SGX TCB Signing")
                .issuedBy(root)
                .serial(13)
                .build();

        assertThat(CertificateRole.TCB_SIGNING.problem(List.of(signing.certificate(), root.certificate())))
                .isEmpty();
        assertThat(CertificateRole.TCB_SIGNING.problem(chain(pck, platform)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("2 certificates"));
        TestCertificate pckOfRoot = TestCertificate.builder("Test SGX PCK Certificate")
                .issuedBy(root)
                .serial(14)
                .build();
        assertThat(CertificateRole.TCB_SIGNING.problem(List.of(pckOfRoot.certificate(), root.certificate())))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is not a \"SGX TCB Signing\""));
        assertThat(CertificateRole.PCK.problem(
                        List.of(signing.certificate(), platform.certificate(), root.certificate())))
                .hasValueSatisfying(reason -> assertThat(reason).contains("SGX PCK Certificate"));
    }

    @Test
    void anExpiredCertificateIsRefused() {
        TestCertificate expired = TestCertificate.builder("Test SGX PCK Certificate")
                .issuedBy(platform)
                .serial(15)
                .valid(NOW.minus(400, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS))
                .build();

        assertThat(verifier.problem(chain(expired, platform), NOW))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is not valid at"));
    }

    private X509CRL rootCrl() {
        return root.crl(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS));
    }

    private X509CRL platformCrl() {
        return platform.crl(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS), BigInteger.TEN);
    }

    private List<X509Certificate> chain(TestCertificate leaf, TestCertificate intermediate) {
        return List.of(leaf.certificate(), intermediate.certificate(), root.certificate());
    }
}
