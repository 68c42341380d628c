package dev.gavel.attestation.collateral;

import dev.gavel.attestation.pki.PemCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What Intel's PCS serves for a platform: TCB info and QE identity (signed by the TCB signing chain), and
 * the Root CA and PCK CA revocation lists.
 */
public record Collateral(
        SignedJson tcbInfoDocument,
        TcbInfo tcbInfo,
        SignedJson qeIdentityDocument,
        QeIdentity qeIdentity,
        List<X509Certificate> tcbSigningChain,
        List<X509CRL> crls) {

    /**
     * Loads a directory holding {@code *tcbInfo*.json}, {@code *qeIdentity*.json}, {@code tcb_info_issuer_chain.pem}
     * and the CRLs as DER ({@code rootcrl.der}, {@code pckcrl.der}).
     */
    public static Collateral load(Path directory) throws IOException, GeneralSecurityException {
        SignedJson tcb = SignedJson.parse(Files.readAllBytes(find(directory, "*tcbInfo*.json")), "tcbInfo");
        SignedJson qe = SignedJson.parse(Files.readAllBytes(find(directory, "*qeIdentity*.json")), "enclaveIdentity");
        List<X509Certificate> signingChain =
                PemCertificates.parse(Files.readAllBytes(find(directory, "tcb_info_issuer_chain.pem")));
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509CRL> crls =
                List.of(crl(factory, find(directory, "rootcrl.der")), crl(factory, find(directory, "pckcrl.der")));
        return new Collateral(tcb, TcbInfo.of(tcb.body()), qe, QeIdentity.of(qe.body()), signingChain, crls);
    }

    private static X509CRL crl(CertificateFactory factory, Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509CRL) factory.generateCRL(in);
        }
    }

    private static Path find(Path directory, String glob) throws IOException {
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(directory, glob)) {
            Optional<Path> first = java.util.stream.StreamSupport.stream(matches.spliterator(), false)
                    .sorted()
                    .findFirst();
            return first.orElseThrow(() -> new IOException("collateral directory " + directory + " has no " + glob));
        }
    }
}
