package dev.gavel.attestation.source;

import dev.gavel.attestation.pki.CertificateRole;
import dev.gavel.attestation.pki.ChainVerifier;
import dev.gavel.attestation.pki.PemCertificates;
import dev.gavel.attestation.pki.SgxExtension;
import dev.gavel.attestation.pki.TrustAnchor;
import dev.gavel.attestation.quote.QuoteParser;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hex;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What collateral a quote needs, read from the PCK certificate chain it carries: its platform's FMSPC (the
 * TCB info to fetch) and which PCK CA issued the PCK certificate (the PCK CRL to fetch). Nothing here is
 * trusted: verification checks the chain; this only says what to fetch for it.
 */
public record Platform(Bytes fmspc, PckCa ca) {
    public Platform {
        if (fmspc.length() != 6) {
            throw new IllegalArgumentException("an FMSPC is 6 bytes, not " + fmspc.length());
        }
    }

    /** The PCK CA of a PCK certificate, as the PCS names it in {@code pckcrl?ca=}. */
    public enum PckCa {
        PLATFORM("platform"),
        PROCESSOR("processor");

        private final String pcsName;

        PckCa(String pcsName) {
            this.pcsName = pcsName;
        }

        public String pcsName() {
            return pcsName;
        }

        public static PckCa named(String pcsName) {
            for (PckCa ca : values()) {
                if (ca.pcsName.equals(pcsName)) {
                    return ca;
                }
            }
            throw new IllegalArgumentException("no PCK CA \"" + pcsName + "\" (platform or processor)");
        }
    }

    /** The platform of {@code quote}; empty when the quote, its PCK chain or its SGX extension cannot be read. */
    public static Optional<Platform> of(byte[] quote) {
        return of(quote, chain -> true);
    }

    /**
     * The platform of {@code quote} if its PCK chain is a PCK certificate's chain to {@code anchor}, valid at
     * {@code at} (revocation aside: that needs the CRLs being fetched). Collateral is fetched only for such a
     * platform: a quote with any other chain is refused whatever its collateral, and its FMSPC could be anything.
     */
    public static Optional<Platform> ofGenuine(byte[] quote, TrustAnchor anchor, Instant at) {
        ChainVerifier chains = new ChainVerifier(anchor);
        return of(
                quote,
                chain -> chains.problem(chain, at)
                        .or(() -> CertificateRole.PCK.problem(chain))
                        .isEmpty());
    }

    private static Optional<Platform> of(byte[] quote, Predicate<List<X509Certificate>> genuine) {
        try {
            List<X509Certificate> chain =
                    PemCertificates.parse(QuoteParser.parse(quote).pckChainPem());
            if (chain.size() < 2 || !genuine.test(chain)) {
                return Optional.empty();
            }
            String issuer = CertificateRole.commonName(chain.get(1));
            PckCa ca = issuer.contains("Processor CA")
                    ? PckCa.PROCESSOR
                    : issuer.contains("Platform CA") ? PckCa.PLATFORM : null;
            return ca == null
                    ? Optional.empty()
                    : Optional.of(new Platform(SgxExtension.of(chain.get(0)).fmspc(), ca));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The FMSPC as Intel writes it: 12 upper-case hex digits. */
    public String fmspcHex() {
        return Hex.encodeWithoutPrefix(fmspc.toArray()).toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "FMSPC " + fmspcHex() + " (PCK " + ca.pcsName() + " CA)";
    }
}
