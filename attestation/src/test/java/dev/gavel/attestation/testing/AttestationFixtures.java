package dev.gavel.attestation.testing;

import dev.gavel.attestation.collateral.Collateral;
import dev.gavel.attestation.collateral.TcbStatus;
import dev.gavel.attestation.pki.PemCertificates;
import dev.gavel.attestation.pki.TrustAnchor;
import dev.gavel.attestation.verify.AcceptancePolicy;
import dev.gavel.attestation.verify.CheckResult;
import dev.gavel.attestation.verify.DcapVerifier;
import dev.gavel.attestation.verify.Verification;
import dev.gavel.attestation.workload.WorkloadId;
import dev.gavel.fixtures.Fixtures;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The real TDX fixtures and a verifier pinned to Intel's root at a given time. */
public final class AttestationFixtures {
    public static final byte[] OP_RBUILDER_QUOTE = Fixtures.bytes("tdx/op-rbuilder-test-quote.bin");
    public static final byte[] SPR_E4_QUOTE = Fixtures.bytes("tdx/go-tdx-guest/tdx_prod_quote_SPR_E4.dat");
    public static final Instant OP_RBUILDER_TIME = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant COLLATERAL_2023_TIME = Instant.parse("2023-07-01T00:00:00Z");

    private AttestationFixtures() {}

    public static TrustAnchor intelRoot() {
        try {
            return new TrustAnchor(PemCertificates.parse(Fixtures.bytes("tdx/intel_sgx_root_ca.pem"))
                    .get(0));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Optional<Collateral> collateral2023() {
        try {
            return Optional.of(Collateral.load(Fixtures.path("tdx/go-tdx-guest")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The 2023 collateral of the SPR_E4 quote as the one-JSON bundle other verifiers use (dcap-qvl's field
     * names, CRLs as hex), cut from the PCS responses without re-encoding anything that is signed.
     */
    public static byte[] bundle2023() {
        String tcbInfo = text("sample_tcbInfo_response.json");
        String qeIdentity = text("sample_qeIdentity_response.json");
        ObjectNode bundle = JsonMapper.builder().build().createObjectNode();
        bundle.put("pck_crl_issuer_chain", text("pck_crl_issuer_chain.pem"))
                .put("root_ca_crl", Hex.encodeWithoutPrefix(Fixtures.bytes("tdx/go-tdx-guest/rootcrl.der")))
                .put("pck_crl", Hex.encodeWithoutPrefix(Fixtures.bytes("tdx/go-tdx-guest/pckcrl.der")))
                .put("tcb_info_issuer_chain", text("tcb_info_issuer_chain.pem"))
                .put("tcb_info", body(tcbInfo, "tcbInfo"))
                .put("tcb_info_signature", signature(tcbInfo))
                .put("qe_identity_issuer_chain", text("tcb_info_issuer_chain.pem"))
                .put("qe_identity", body(qeIdentity, "enclaveIdentity"))
                .put("qe_identity_signature", signature(qeIdentity));
        return bundle.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Collateral from a bundle's bytes, loaded as Gavel loads a bundle file. */
    public static Collateral bundle(byte[] json) throws IOException, GeneralSecurityException {
        Path file = Files.createTempFile("collateral", ".json");
        try {
            Files.write(file, json);
            return Collateral.load(file);
        } finally {
            Files.delete(file);
        }
    }

    /** The signed body of a PCS response {"<key>":{...},"signature":"..."}, exactly as served. */
    public static String body(String document, String key) {
        String prefix = "{\"" + key + "\":";
        if (!document.startsWith(prefix)) {
            throw new IllegalArgumentException("not a PCS document of " + key);
        }
        return document.substring(prefix.length(), document.lastIndexOf(",\"signature\""));
    }

    /** The hex signature of a PCS response. */
    public static String signature(String document) {
        int at = document.lastIndexOf("\"signature\":\"") + "\"signature\":\"".length();
        return document.substring(at, document.indexOf('"', at));
    }

    /** A file of the go-tdx-guest fixtures as text. */
    public static String text(String name) {
        return new String(Fixtures.bytes("tdx/go-tdx-guest/" + name), StandardCharsets.ISO_8859_1);
    }

    public static DcapVerifier verifierAt(Instant at) {
        return new DcapVerifier(intelRoot(), AcceptancePolicy.DEFAULT, Clock.fixed(at, ZoneOffset.UTC));
    }

    public static final WorkloadId OP_RBUILDER_WORKLOAD =
            new WorkloadId(Hash32.fromHex("0x952569f637f3f7e36cd8f5a7578ae4d03a1cb05ddaf33b35d3054464bb1c862e"));

    /** The real op-rbuilder verification; without collateral it is not accepted. */
    public static Verification opRbuilderWithoutCollateral() {
        return verifierAt(OP_RBUILDER_TIME).verify(OP_RBUILDER_QUOTE, Optional.empty());
    }

    /** The op-rbuilder verification as if its collateral had said UpToDate: to test what follows acceptance. */
    public static Verification opRbuilderAsIfAccepted() {
        Verification real = opRbuilderWithoutCollateral();
        return new Verification(
                real.quote(),
                real.pckChain(),
                real.pckExtension(),
                real.checks().stream()
                        .map(c -> new CheckResult(c.check(), CheckResult.Outcome.PASS, c.reason()))
                        .toList(),
                null,
                null,
                List.of(),
                TcbStatus.UP_TO_DATE,
                List.of(),
                true);
    }
}
