package dev.gavel.attestation.pki;

import dev.gavel.primitives.Digests;
import dev.gavel.primitives.Hex;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/** The pinned Intel SGX Root CA: a chain counts only if it ends in exactly this certificate. */
public record TrustAnchor(X509Certificate root) {
    /** SHA-256 of the Intel SGX Root CA's DER (valid 2018-05-21 .. 2049-12-31). */
    public static final String INTEL_SGX_ROOT_SHA256 =
            "44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3";

    /** The Intel SGX Root CA shipped with Gavel, refused unless it is exactly the pinned certificate. */
    public static TrustAnchor intelSgxRoot() {
        try (var in = TrustAnchor.class.getResourceAsStream("/dev/gavel/attestation/intel_sgx_root_ca.pem")) {
            X509Certificate root = PemCertificates.parse(in.readAllBytes()).get(0);
            if (!fingerprint(root).equals(INTEL_SGX_ROOT_SHA256)) {
                throw new IllegalStateException(
                        "the shipped Intel SGX Root CA has SHA-256 " + fingerprint(root) + ", not the pinned one");
            }
            return new TrustAnchor(root);
        } catch (java.io.IOException | java.security.cert.CertificateException e) {
            throw new IllegalStateException("the shipped Intel SGX Root CA cannot be read", e);
        }
    }

    public String fingerprint() {
        return fingerprint(root);
    }

    public boolean isRoot(X509Certificate candidate) {
        return fingerprint(candidate).equals(fingerprint());
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return Hex.encodeWithoutPrefix(Digests.sha256().digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }
}
