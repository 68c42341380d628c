package dev.gavel.attestation.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.fixtures.Fixtures;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Chains and CRLs made with test keys: a foreign root, a revoked PCK, a forged CRL. */
class ChainVerifierTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private final Authority root = Authority.root("Test Root CA");
    private final Authority platform = root.issue("Test PCK Platform CA", true, 2);
    private final Authority pck = platform.issue("Test PCK Certificate", false, 3);

    @Test
    void aChainToAnotherRootIsRefused() throws Exception {
        TrustAnchor intel = new TrustAnchor(PemCertificates.parse(Fixtures.bytes("tdx/intel_sgx_root_ca.pem"))
                .get(0));

        assertThat(new ChainVerifier(intel).problem(chain(), NOW, List.of()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("not the pinned Intel SGX Root CA"));
    }

    @Test
    void theSameChainHoldsUnderItsOwnRoot() {
        assertThat(new ChainVerifier(new TrustAnchor(root.certificate)).problem(chain(), NOW, List.of()))
                .isEmpty();
    }

    @Test
    void aPckListedOnItsIssuersCrlIsRefused() throws Exception {
        X509CRL crl = platform.crl(platform.keys, pck.certificate.getSerialNumber());

        assertThat(new ChainVerifier(new TrustAnchor(root.certificate)).problem(chain(), NOW, List.of(crl)))
                .hasValueSatisfying(reason ->
                        assertThat(reason).contains("Test PCK Certificate").contains("is revoked"));
        assertThat(new ChainVerifier(new TrustAnchor(root.certificate))
                        .problem(chain(), NOW, List.of(platform.crl(platform.keys, BigInteger.TEN))))
                .isEmpty();
    }

    @Test
    void aCrlNotSignedByItsIssuerIsRefused() throws Exception {
        X509CRL forged = platform.crl(pck.keys, BigInteger.TEN);

        assertThat(new ChainVerifier(new TrustAnchor(root.certificate)).problem(chain(), NOW, List.of(forged)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is not signed by it"));
    }

    @Test
    void anExpiredCertificateIsRefused() {
        assertThat(new ChainVerifier(new TrustAnchor(root.certificate))
                        .problem(chain(), NOW.plus(800, ChronoUnit.DAYS), List.of()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is not valid at"));
    }

    private List<X509Certificate> chain() {
        return List.of(pck.certificate, platform.certificate, root.certificate);
    }

    /** A test certificate authority: its key pair and certificate. */
    private record Authority(String name, KeyPair keys, X509Certificate certificate) {
        static Authority root(String name) {
            KeyPair keys = keyPair();
            return new Authority(name, keys, certificate(name, keys, name, keys, true, 1));
        }

        Authority issue(String subject, boolean ca, long serial) {
            KeyPair subjectKeys = keyPair();
            return new Authority(subject, subjectKeys, certificate(subject, subjectKeys, name, keys, ca, serial));
        }

        X509CRL crl(KeyPair signer, BigInteger revokedSerial) throws Exception {
            X509v2CRLBuilder builder =
                    new X509v2CRLBuilder(new X500Name("CN=" + name), Date.from(NOW.minus(1, ChronoUnit.DAYS)));
            builder.setNextUpdate(Date.from(NOW.plus(30, ChronoUnit.DAYS)));
            builder.addCRLEntry(revokedSerial, Date.from(NOW.minus(1, ChronoUnit.DAYS)), CRLReason.keyCompromise);
            return new JcaX509CRLConverter().getCRL(builder.build(signer(signer)));
        }

        private static X509Certificate certificate(
                String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys, boolean ca, long serial) {
            try {
                JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        new X500Name("CN=" + issuer),
                        BigInteger.valueOf(serial),
                        Date.from(NOW.minus(30, ChronoUnit.DAYS)),
                        Date.from(NOW.plus(365, ChronoUnit.DAYS)),
                        new X500Name("CN=" + subject),
                        subjectKeys.getPublic());
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKeys)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static ContentSigner signer(KeyPair keys) throws Exception {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        }

        private static KeyPair keyPair() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                return generator.generateKeyPair();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
