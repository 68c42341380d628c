package dev.gavel.attestation.pki;

import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a certificate chain (leaf first) to the pinned root at a given time, and its revocation. Each
 * certificate must be signed by the next and valid at that time; every issuer must be a CA allowed to sign
 * certificates (basicConstraints CA, its path length, keyUsage keyCertSign) and the leaf must not be one.
 * Revocation fails closed: every certificate below the root needs a current CRL of its issuer, signed by
 * that issuer. Answers why not, or empty when the chain holds.
 */
public final class ChainVerifier {
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;

    private final TrustAnchor anchor;

    public ChainVerifier(TrustAnchor anchor) {
        this.anchor = anchor;
    }

    /** Why {@code chain} does not lead to the pinned root at {@code at}, or empty. */
    public Optional<String> problem(List<X509Certificate> chain, Instant at) {
        return problem(chain, at, false);
    }

    /**
     * As {@link #problem}, for the chain of a CA (a CRL's issuer, say): its first certificate must be a CA too,
     * and counts against the path lengths above it.
     */
    public Optional<String> caProblem(List<X509Certificate> chain, Instant at) {
        return problem(chain, at, true);
    }

    private Optional<String> problem(List<X509Certificate> chain, Instant at, boolean leafIsCa) {
        if (chain.isEmpty()) {
            return Optional.of("empty certificate chain");
        }
        X509Certificate top = chain.get(chain.size() - 1);
        if (!anchor.isRoot(top)) {
            return Optional.of("the chain ends in "
                    + name(top) + " (SHA-256 " + TrustAnchor.fingerprint(top)
                    + "), not the pinned root " + anchor.fingerprint());
        }
        Date when = Date.from(at);
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            X509Certificate issuer = issuer(chain, i);
            try {
                certificate.checkValidity(when);
            } catch (GeneralSecurityException e) {
                return Optional.of(name(certificate) + " is not valid at " + at + " ("
                        + certificate.getNotBefore().toInstant() + " .. "
                        + certificate.getNotAfter().toInstant() + ")");
            }
            if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                return Optional.of(name(certificate) + " names its issuer " + certificate.getIssuerX500Principal()
                        + ", but the next certificate is " + name(issuer));
            }
            try {
                certificate.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                return Optional.of(name(certificate) + " is not signed by " + name(issuer) + ": " + e.getMessage());
            }
            Optional<String> role = leafIsCa
                    ? authority(certificate, i)
                    : i == 0 ? endEntity(certificate) : authority(certificate, i - 1);
            if (role.isPresent()) {
                return role;
            }
        }
        return Optional.empty();
    }

    /**
     * Why the certificates of {@code chain} below the root cannot be shown unrevoked at {@code at} with
     * {@code crls}, or empty. A certificate whose issuer has no CRL here is refused: its status is unknown.
     */
    public Optional<String> revocation(List<X509Certificate> chain, Instant at, List<X509CRL> crls) {
        for (int i = 0; i < chain.size() - 1; i++) {
            X509Certificate certificate = chain.get(i);
            X509Certificate issuer = issuer(chain, i);
            List<X509CRL> ofIssuer = crls.stream()
                    .filter(crl -> crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()))
                    .toList();
            if (ofIssuer.isEmpty()) {
                return Optional.of("no CRL of " + name(issuer) + " is loaded, so whether " + name(certificate)
                        + " is revoked is unknown");
            }
            for (X509CRL crl : ofIssuer) {
                Optional<String> problem = crlProblem(crl, issuer, at);
                if (problem.isPresent()) {
                    return problem;
                }
                if (crl.isRevoked(certificate)) {
                    return Optional.of(name(certificate) + " (serial "
                            + certificate.getSerialNumber().toString(16) + ") is revoked by the CRL of "
                            + name(issuer));
                }
            }
        }
        return Optional.empty();
    }

    private X509Certificate issuer(List<X509Certificate> chain, int i) {
        return i + 1 < chain.size() ? chain.get(i + 1) : anchor.root();
    }

    /**
     * Why {@code crl} is not a current CRL signed by {@code issuer} at {@code at} (the issuer may sign CRLs and
     * did sign this one), or empty. The issuer itself is not checked here: that is {@link #problem}'s.
     */
    public static Optional<String> crlProblem(X509CRL crl, X509Certificate issuer, Instant at) {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return Optional.of("the CRL is issued by " + crl.getIssuerX500Principal() + ", not by " + name(issuer));
        }
        if (!hasKeyUsage(issuer, CRL_SIGN)) {
            return Optional.of(name(issuer) + " may not sign CRLs (no keyUsage cRLSign)");
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            return Optional.of("the CRL of " + name(issuer) + " is not signed by it: " + e.getMessage());
        }
        if (crl.getThisUpdate().toInstant().isAfter(at)
                || crl.getNextUpdate() == null
                || crl.getNextUpdate().toInstant().isBefore(at)) {
            return Optional.of("the CRL of " + name(issuer) + " is not current at " + at + " ("
                    + crl.getThisUpdate().toInstant() + " .. "
                    + (crl.getNextUpdate() == null
                            ? "no next update"
                            : crl.getNextUpdate().toInstant()) + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> endEntity(X509Certificate leaf) {
        if (leaf.getBasicConstraints() >= 0) {
            return Optional.of(name(leaf) + " is a CA certificate used as an end entity");
        }
        if (!hasKeyUsage(leaf, DIGITAL_SIGNATURE)) {
            return Optional.of(name(leaf) + " may not sign (no keyUsage digitalSignature)");
        }
        return Optional.empty();
    }

    /** An issuer with {@code below} CA certificates under it in the chain. */
    private static Optional<String> authority(X509Certificate issuer, int below) {
        int pathLength = issuer.getBasicConstraints();
        if (pathLength < 0) {
            return Optional.of(name(issuer) + " issues certificates but is not a CA (basicConstraints)");
        }
        if (below > pathLength) {
            return Optional.of(
                    name(issuer) + " allows " + pathLength + " CA certificates below it, the chain has " + below);
        }
        if (!hasKeyUsage(issuer, KEY_CERT_SIGN)) {
            return Optional.of(name(issuer) + " may not sign certificates (no keyUsage keyCertSign)");
        }
        return Optional.empty();
    }

    private static boolean hasKeyUsage(X509Certificate certificate, int bit) {
        boolean[] usage = certificate.getKeyUsage();
        return usage != null && usage.length > bit && usage[bit];
    }

    /** A certificate by its common name (Intel's are distinct), else by its whole subject. */
    static String name(X509Certificate certificate) {
        String commonName = CertificateRole.commonName(certificate);
        return commonName.isEmpty() ? certificate.getSubjectX500Principal().getName() : commonName;
    }
}
