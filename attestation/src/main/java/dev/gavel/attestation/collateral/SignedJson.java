package dev.gavel.attestation.collateral;

import dev.gavel.primitives.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Intel collateral document {"<body>": {...}, "signature": "<hex r‖s>"}. The signature covers the raw
 * bytes of the body object exactly as served, so those bytes are cut out of the document, not re-encoded.
 */
public record SignedJson(byte[] signedBytes, byte[] signature, JsonNode body) {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public static SignedJson parse(byte[] document, String bodyKey) {
        String text = new String(document, StandardCharsets.UTF_8);
        int key = text.indexOf("\"" + bodyKey + "\"");
        if (key < 0) {
            throw new IllegalArgumentException("collateral has no \"" + bodyKey + "\" object");
        }
        int start = text.indexOf('{', key);
        int end = objectEnd(text, start);
        byte[] signed = text.substring(start, end).getBytes(StandardCharsets.UTF_8);
        JsonNode whole = MAPPER.readTree(document);
        String signature = whole.path("signature").asString("");
        if (signature.length() != 128) {
            throw new IllegalArgumentException(
                    "collateral signature must be 64 bytes of hex, got " + signature.length() + " characters");
        }
        return new SignedJson(signed, Hex.decodeWithoutPrefix(signature), whole.get(bodyKey));
    }

    /** The index after the object that opens at {@code start}, skipping braces inside strings. */
    private static int objectEnd(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("collateral object starting at " + start + " is not closed");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedJson s && Arrays.equals(signedBytes, s.signedBytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signedBytes);
    }
}
