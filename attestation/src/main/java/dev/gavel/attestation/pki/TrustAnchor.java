package dev.gavel.attestation.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** The pinned Intel SGX Root CA: a chain counts only if it ends in exactly this certificate. */
public record TrustAnchor(X509Certificate root) {
    public String fingerprint() {
        return fingerprint(root);
    }

    public boolean isRoot(X509Certificate candidate) {
        return fingerprint(candidate).equals(fingerprint());
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }
}
