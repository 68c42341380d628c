package dev.gavel.attestation.collateral;

import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hex;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonToken;

/**
 * The signed part of an Intel collateral document: exactly the bytes the signature covers (the raw body
 * object as served, never re-encoded) and the signature, raw r ‖ s.
 */
public record SignedJson(Bytes signedBytes, Bytes signature) {
    private static final String SIGNATURE = "signature";

    /**
     * From a PCS response, {"<bodyKey>": {...}, "signature": "<hex r ‖ s>"} and nothing else: any other
     * member, a key twice or data after the document is refused, so the body used is the one signed.
     */
    static SignedJson fromPcsDocument(byte[] document, String bodyKey) throws CollateralFormatException {
        Map<String, StrictJson.Member> members = StrictJson.members(document);
        if (!members.keySet().equals(Set.of(bodyKey, SIGNATURE))) {
            throw new CollateralFormatException("a PCS document holds exactly \"" + bodyKey + "\" and \"" + SIGNATURE
                    + "\", this one " + members.keySet());
        }
        StrictJson.Member body = members.get(bodyKey);
        if (body.kind() != JsonToken.START_OBJECT) {
            throw new CollateralFormatException("\"" + bodyKey + "\" must be an object");
        }
        StrictJson.Member signature = members.get(SIGNATURE);
        if (signature.kind() != JsonToken.VALUE_STRING) {
            throw new CollateralFormatException("\"" + SIGNATURE + "\" must be a string of hex");
        }
        return new SignedJson(Bytes.of(body.raw()), Bytes.of(signature(signature.text())));
    }

    /** A signature as Intel writes it: 64 bytes (r ‖ s) as 128 hex digits. */
    static byte[] signature(String hex) throws CollateralFormatException {
        if (hex.length() != 128) {
            throw new CollateralFormatException(
                    "a collateral signature is 64 bytes of hex, got " + hex.length() + " characters");
        }
        try {
            return Hex.decodeWithoutPrefix(hex);
        } catch (IllegalArgumentException e) {
            throw new CollateralFormatException("a collateral signature is not hex: " + e.getMessage());
        }
    }
}
