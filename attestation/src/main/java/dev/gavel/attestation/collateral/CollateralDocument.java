package dev.gavel.attestation.collateral;

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
}
