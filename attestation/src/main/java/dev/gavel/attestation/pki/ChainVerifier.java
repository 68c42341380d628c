package dev.gavel.attestation.pki;

import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a certificate chain (leaf first) to the pinned root at a given time: each signature by the
 * next certificate, each validity window, and, where a CRL for an issuer is given, that CRL's signature,
 * freshness and whether it revokes the certificate. Answers why not, or empty when the chain holds.
 */
public final class ChainVerifier {
    private final TrustAnchor anchor;

    public ChainVerifier(TrustAnchor anchor) {
        this.anchor = anchor;
    }

    public Optional<String> problem(List<X509Certificate> chain, Instant at, List<X509CRL> crls) {
        if (chain.isEmpty()) {
            return Optional.of("empty certificate chain");
        }
        X509Certificate top = chain.get(chain.size() - 1);
        if (!anchor.isRoot(top)) {
            return Optional.of("the chain ends in "
                    + top.getSubjectX500Principal().getName() + " (SHA-256 " + TrustAnchor.fingerprint(top)
                    + "), not the pinned Intel SGX Root CA " + anchor.fingerprint());
        }
        Date when = Date.from(at);
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : anchor.root();
            String name = certificate.getSubjectX500Principal().getName();
            try {
                certificate.checkValidity(when);
            } catch (GeneralSecurityException e) {
                return Optional.of(name + " is not valid at " + at + " ("
                        + certificate.getNotBefore().toInstant() + " .. "
                        + certificate.getNotAfter().toInstant() + ")");
            }
            try {
                certificate.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                return Optional.of(name + " is not signed by "
                        + issuer.getSubjectX500Principal().getName() + ": " + e.getMessage());
            }
            Optional<String> revoked = revocation(certificate, issuer, crls, at);
            if (revoked.isPresent()) {
                return revoked;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> revocation(
            X509Certificate certificate, X509Certificate issuer, List<X509CRL> crls, Instant at) {
        for (X509CRL crl : crls) {
            if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                continue;
            }
            try {
                crl.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                return Optional.of("the CRL of "
                        + issuer.getSubjectX500Principal().getName() + " is not signed by it: " + e.getMessage());
            }
            if (crl.getThisUpdate().toInstant().isAfter(at)
                    || (crl.getNextUpdate() != null
                            && crl.getNextUpdate().toInstant().isBefore(at))) {
                return Optional.of(
                        "the CRL of " + issuer.getSubjectX500Principal().getName() + " is not current at " + at + " ("
                                + crl.getThisUpdate().toInstant() + " .. "
                                + crl.getNextUpdate().toInstant() + ")");
            }
            if (crl.isRevoked(certificate)) {
                return Optional.of(certificate.getSubjectX500Principal().getName() + " (serial "
                        + certificate.getSerialNumber().toString(16) + ") is revoked by the CRL of "
                        + issuer.getSubjectX500Principal().getName());
            }
        }
        return Optional.empty();
    }
}
