package dev.gavel.attestation.collateral;

import dev.gavel.attestation.pki.PemCertificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Intel's PCS serves for a platform: TCB info and QE identity, each with the chain of the TCB
 * signing certificate that signed it, and the CRLs of the Root CA and the PCK CAs. Structural problems of
 * the two signed documents are kept for verification to report; anything else unreadable is refused here.
 */
public record Collateral(
        CollateralDocument<TcbInfo> tcbInfo,
        CollateralDocument<QeIdentity> qeIdentity,
        List<X509Certificate> tcbInfoIssuerChain,
        List<X509Certificate> qeIdentityIssuerChain,
        List<X509CRL> crls) {
    static final String TCB_INFO = "TCB info";
    static final String QE_IDENTITY = "QE identity";

    public Collateral {
        tcbInfoIssuerChain = List.copyOf(tcbInfoIssuerChain);
        qeIdentityIssuerChain = List.copyOf(qeIdentityIssuerChain);
        crls = List.copyOf(crls);
    }

    /**
     * Loads collateral from a directory of PCS responses or from one bundle file. A directory holds
     * {@code *tcbInfo*.json} and {@code *qeIdentity*.json} as the PCS serves them, {@code tcb_info_issuer_chain.pem}
     * (and {@code qe_identity_issuer_chain.pem} if that chain differs), the Root CA CRL {@code rootcrl.der} and
     * one or more PCK CA CRLs {@code pckcrl*.der}. A file is the JSON bundle other verifiers use (see {@link
     * CollateralBundle}).
     */
    public static Collateral load(Path path) throws IOException, GeneralSecurityException {
        if (!Files.isDirectory(path)) {
            return CollateralBundle.parse(Files.readAllBytes(path));
        }
        Path tcbChain = find(path, "tcb_info_issuer_chain.pem");
        Path qeChain = Files.exists(path.resolve("qe_identity_issuer_chain.pem"))
                ? path.resolve("qe_identity_issuer_chain.pem")
                : tcbChain;
        List<byte[]> crls = new ArrayList<>();
        crls.add(Files.readAllBytes(find(path, "rootcrl.der")));
        for (Path pckCrl : all(path, "pckcrl*.der")) {
            crls.add(Files.readAllBytes(pckCrl));
        }
        return fromPcsResponses(
                Files.readAllBytes(find(path, "*tcbInfo*.json")),
                Files.readAllBytes(tcbChain),
                Files.readAllBytes(find(path, "*qeIdentity*.json")),
                Files.readAllBytes(qeChain),
                crls);
    }

    /**
     * Collateral from PCS responses as served: the TCB info and QE identity documents, the PEM chains of their
     * issuer-chain headers, and the CRLs (the Root CA's and the PCK CAs', DER).
     */
    public static Collateral fromPcsResponses(
            byte[] tcbInfoDocument,
            byte[] tcbInfoIssuerChain,
            byte[] qeIdentityDocument,
            byte[] qeIdentityIssuerChain,
            List<byte[]> crls)
            throws GeneralSecurityException {
        List<X509CRL> parsed = new ArrayList<>();
        for (byte[] der : crls) {
            parsed.add(crl(der));
        }
        return new Collateral(
                CollateralDocument.tcbInfo(tcbInfoDocument),
                CollateralDocument.qeIdentity(qeIdentityDocument),
                PemCertificates.parse(tcbInfoIssuerChain),
                PemCertificates.parse(qeIdentityIssuerChain),
                parsed);
    }

    /**
     * The earliest moment any part of this collateral stops being current: the TCB info's or QE identity's
     * {@code nextUpdate} or a CRL's; empty when a document could not be read.
     */
    public Optional<Instant> nextUpdate() {
        if (tcbInfo.body().isEmpty() || qeIdentity.body().isEmpty()) {
            return Optional.empty();
        }
        Instant earliest = tcbInfo.body().get().nextUpdate();
        if (qeIdentity.body().get().nextUpdate().isBefore(earliest)) {
            earliest = qeIdentity.body().get().nextUpdate();
        }
        for (X509CRL crl : crls) {
            if (crl.getNextUpdate() == null) {
                return Optional.empty();
            }
            if (crl.getNextUpdate().toInstant().isBefore(earliest)) {
                earliest = crl.getNextUpdate().toInstant();
            }
        }
        return Optional.of(earliest);
    }

    /** A CRL from its DER. */
    public static X509CRL crl(byte[] der) throws GeneralSecurityException {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    private static Path find(Path directory, String glob) throws IOException {
        List<Path> matches = all(directory, glob);
        if (matches.isEmpty()) {
            throw new IOException("collateral directory " + directory + " has no " + glob);
        }
        if (matches.size() > 1) {
            throw new IOException("collateral directory " + directory + " has more than one " + glob + ": " + matches);
        }
        return matches.get(0);
    }

    private static List<Path> all(Path directory, String glob) throws IOException {
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, glob)) {
            stream.forEach(matches::add);
        }
        matches.sort(null);
        return matches;
    }
}
