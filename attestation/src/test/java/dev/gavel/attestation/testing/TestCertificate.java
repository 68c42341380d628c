package dev.gavel.attestation.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A P-256 certificate made with a test key, as Intel's look: what a chain under a test root needs. */
public record TestCertificate(KeyPair keys, X509Certificate certificate) {
    public static final Instant VALID_FROM = Instant.parse("2020-01-01T00:00:00Z");
    public static final Instant VALID_TO = Instant.parse("2040-01-01T00:00:00Z");

    public static Builder builder(String commonName) {
        return new Builder(commonName);
    }

    public BigInteger serial() {
        return certificate.getSerialNumber();
    }

    /** A CRL of this certificate's subject, signed by its key, current from {@code thisUpdate} to {@code nextUpdate}. */
    public X509CRL crl(Instant thisUpdate, Instant nextUpdate, BigInteger... revoked) {
        return crlSignedWith(keys, thisUpdate, nextUpdate, revoked);
    }

    /** As {@link #crl}, but signed with {@code signer}: a forged CRL when that is not this key. */
    public X509CRL crlSignedWith(KeyPair signer, Instant thisUpdate, Instant nextUpdate, BigInteger... revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (BigInteger serial : revoked) {
                builder.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            return new JcaX509CRLConverter()
                    .getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A certificate: self-signed unless an issuer is given; a CA (keyCertSign and cRLSign, path length 1 for a
     * root, 0 below) or an end entity (digitalSignature and nonRepudiation), as Intel's are.
     */
    public static final class Builder {
        private final String commonName;
        private TestCertificate issuer;
        private long serial = 1;
        private boolean ca;
        private Integer keyUsage;
        private Boolean basicConstraints = true;
        private Instant validFrom = VALID_FROM;
        private Instant validTo = VALID_TO;
        private final List<Object[]> extensions = new ArrayList<>();

        private Builder(String commonName) {
            this.commonName = commonName;
        }

        public Builder issuedBy(TestCertificate issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder serial(long serial) {
            this.serial = serial;
            return this;
        }

        public Builder ca() {
            this.ca = true;
            return this;
        }

        /** Key usage bits ({@link KeyUsage} constants), or 0 for no keyUsage extension at all. */
        public Builder keyUsage(int bits) {
            this.keyUsage = bits;
            return this;
        }

        public Builder withoutBasicConstraints() {
            this.basicConstraints = false;
            return this;
        }

        public Builder valid(Instant from, Instant to) {
            this.validFrom = from;
            this.validTo = to;
            return this;
        }

        public Builder extension(String oid, ASN1Encodable value) {
            extensions.add(new Object[] {oid, value});
            return this;
        }

        public TestCertificate build() {
            KeyPair keys = p256();
            X500Name subject = name(commonName);
            X500Name issuerName = issuer == null
                    ? subject
                    : X500Name.getInstance(
                            issuer.certificate.getSubjectX500Principal().getEncoded());
            KeyPair signer = issuer == null ? keys : issuer.keys;
            try {
                JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        issuerName,
                        BigInteger.valueOf(serial),
                        Date.from(validFrom),
                        Date.from(validTo),
                        subject,
                        keys.getPublic());
                if (basicConstraints) {
                    builder.addExtension(
                            Extension.basicConstraints,
                            true,
                            ca ? new BasicConstraints(issuer == null ? 1 : 0) : new BasicConstraints(false));
                }
                int usage = keyUsage != null
                        ? keyUsage
                        : ca
                                ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                                : KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
                if (usage != 0) {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                }
                for (Object[] extension : extensions) {
                    builder.addExtension(
                            new ASN1ObjectIdentifier((String) extension[0]), false, (ASN1Encodable) extension[1]);
                }
                X509Certificate certificate = new JcaX509CertificateConverter()
                        .getCertificate(builder.build(
                                new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
                return new TestCertificate(keys, certificate);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static X500Name name(String commonName) {
            return new X500Name("CN=" + commonName + ", O=Gavel Test, L=Santa Clara, ST=CA, C=US");
        }
    }
}
