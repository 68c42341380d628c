package dev.gavel.attestation.collateral;

import dev.gavel.attestation.pki.CertificateRole;
import dev.gavel.attestation.pki.ChainVerifier;
import dev.gavel.attestation.pki.Signatures;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One signed collateral document as loaded: its signed part, and the body parsed from exactly those
 * bytes; or why it cannot be used. A problem is kept, not thrown, so verification reports it with the
 * other checks (as COLLATERAL_SIGNATURES: the collateral is not what Intel signed).
 */
public final class CollateralDocument<T> {
    private final String name;
    private final SignedJson signed;
    private final T body;
    private final String problem;

    private CollateralDocument(String name, SignedJson signed, T body, String problem) {
        this.name = name;
        this.signed = signed;
        this.body = body;
        this.problem = problem;
    }

    /** How a document's body becomes its type; throws on anything Intel would not sign. */
    interface BodyParser<T> {
        T parse(JsonNode body) throws CollateralFormatException;
    }

    /** A PCS TCB info response, {"tcbInfo": {...}, "signature": "..."}, cut apart and its body parsed. */
    public static CollateralDocument<TcbInfo> tcbInfo(byte[] pcsDocument) {
        return fromPcsDocument(Collateral.TCB_INFO, pcsDocument, "tcbInfo", TcbInfo::of);
    }

    /** A PCS QE identity response, {"enclaveIdentity": {...}, "signature": "..."}, cut apart and its body parsed. */
    public static CollateralDocument<QeIdentity> qeIdentity(byte[] pcsDocument) {
        return fromPcsDocument(Collateral.QE_IDENTITY, pcsDocument, "enclaveIdentity", QeIdentity::of);
    }

    static <T> CollateralDocument<T> fromPcsDocument(
            String name, byte[] document, String bodyKey, BodyParser<T> parser) {
        try {
            return fromSigned(name, SignedJson.fromPcsDocument(document, bodyKey), parser);
        } catch (CollateralFormatException e) {
            return new CollateralDocument<>(name, null, null, e.getMessage());
        }
    }

    static <T> CollateralDocument<T> fromSigned(String name, SignedJson signed, BodyParser<T> parser) {
        try {
            return new CollateralDocument<>(
                    name,
                    signed,
                    parser.parse(StrictJson.tree(signed.signedBytes().toArray())),
                    null);
        } catch (CollateralFormatException | RuntimeException e) {
            return new CollateralDocument<>(name, signed, null, e.getMessage());
        }
    }

    /** "TCB info" or "QE identity". */
    public String name() {
        return name;
    }

    /** What the signature covers, unless the document could not even be cut apart. */
    public Optional<SignedJson> signed() {
        return Optional.ofNullable(signed);
    }

    /** The body, parsed from the signed bytes; empty when {@link #problem()} says why. */
    public Optional<T> body() {
        return Optional.ofNullable(body);
    }

    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * Why this document is not exactly what a TCB signing certificate under the pinned root signed at {@code at},
     * or empty: {@code chain} (the signer's issuer chain, leaf first) leads to the root, is in the TCB signing
     * role and unrevoked by {@code crls}, the signature verifies over the signed bytes, and the body is one
     * Intel would sign.
     */
    public Optional<String> signatureProblem(
            List<X509Certificate> chain, ChainVerifier chains, Instant at, List<X509CRL> crls) {
        if (signed == null) {
            return Optional.of(name + ": " + Optional.ofNullable(problem).orElse("unreadable"));
        }
        Optional<String> chainProblem = chains.problem(chain, at)
                .or(() -> CertificateRole.TCB_SIGNING.problem(chain))
                .or(() -> chains.revocation(chain, at, crls));
        if (chainProblem.isPresent()) {
            return Optional.of(name + " signing chain: " + chainProblem.get());
        }
        if (!Signatures.verify(
                chain.get(0).getPublicKey(),
                signed.signedBytes().toArray(),
                signed.signature().toArray())) {
            return Optional.of(name + ": the signature does not verify under the TCB signing key");
        }
        return Optional.ofNullable(problem).map(p -> name + " is signed but not one Intel would sign: " + p);
    }
}
