package dev.gavel.attestation.verify;

import dev.gavel.attestation.collateral.Collateral;
import dev.gavel.attestation.pki.PemCertificates;
import dev.gavel.attestation.pki.TrustAnchor;
import dev.gavel.bidding.testing.SharedFixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** The real TDX fixtures and a verifier pinned to Intel's root at a given time. */
final class Fixtures {
    static final byte[] OP_RBUILDER_QUOTE = SharedFixtures.bytes("tdx/op-rbuilder-test-quote.bin");
    static final byte[] SPR_E4_QUOTE = SharedFixtures.bytes("tdx/go-tdx-guest/tdx_prod_quote_SPR_E4.dat");
    static final Instant OP_RBUILDER_TIME = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant COLLATERAL_2023_TIME = Instant.parse("2023-07-01T00:00:00Z");

    private Fixtures() {}

    static TrustAnchor intelRoot() {
        try {
            return new TrustAnchor(PemCertificates.parse(SharedFixtures.bytes("tdx/intel_sgx_root_ca.pem")).get(0));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<Collateral> collateral2023() {
        try {
            return Optional.of(Collateral.load(SharedFixtures.path("tdx/go-tdx-guest")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static DcapVerifier verifierAt(Instant at) {
        return new DcapVerifier(intelRoot(), AcceptancePolicy.DEFAULT, Clock.fixed(at, ZoneOffset.UTC));
    }
}
