package dev.gavel.attestation.collateral;

import dev.gavel.primitives.Hex;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON read the way signed collateral must be: one value per document (nothing after it but whitespace),
 * no key twice in any object, and the top-level members cut out as the exact bytes they occupy, so what a
 * signature covers is what is then parsed.
 */
final class StrictJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {}

    /** A top-level member: its value's kind, its exact bytes when an object or array, its text when a string. */
    record Member(JsonToken kind, byte[] raw, String text) {}

    /** The members of the top-level object of {@code document}, in order, each as its exact bytes. */
    static Map<String, Member> members(byte[] document) throws CollateralFormatException {
        Map<String, Member> members = new LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), document)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new CollateralFormatException("the document is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken kind = parser.nextToken();
                int start = (int) parser.currentTokenLocation().getByteOffset();
                String text = kind == JsonToken.VALUE_STRING ? parser.getString() : null;
                parser.skipChildren();
                byte[] raw = kind.isStructStart()
                        ? Arrays.copyOfRange(
                                document,
                                start,
                                (int) parser.currentTokenLocation().getByteOffset() + 1)
                        : null;
                if (members.put(name, new Member(kind, raw, text)) != null) {
                    throw new CollateralFormatException("duplicate key \"" + name + "\"");
                }
            }
            if (parser.nextToken() != null) {
                throw new CollateralFormatException("data after the document's closing brace");
            }
        } catch (JacksonException e) {
            throw new CollateralFormatException(message(e));
        }
        return members;
    }

    /** The whole of {@code json} as a tree, refusing duplicate keys and trailing data at every level. */
    static JsonNode tree(byte[] json) throws CollateralFormatException {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new CollateralFormatException(message(e));
        }
    }

    static String string(JsonNode node, String field) throws CollateralFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new CollateralFormatException("\"" + field + "\" must be a string");
        }
        return value.asString();
    }

    static int integer(JsonNode node, String field) throws CollateralFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            throw new CollateralFormatException("\"" + field + "\" must be a non-negative integer");
        }
        return value.asInt();
    }

    static byte[] hex(JsonNode node, String field, int length) throws CollateralFormatException {
        String text = string(node, field);
        try {
            byte[] bytes = Hex.decodeWithoutPrefix(text);
            if (bytes.length != length) {
                throw new CollateralFormatException(
                        "\"" + field + "\" must be " + length + " bytes of hex, got " + bytes.length);
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new CollateralFormatException("\"" + field + "\" is not hex: " + e.getMessage());
        }
    }

    static Instant instant(JsonNode node, String field) throws CollateralFormatException {
        String text = string(node, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CollateralFormatException("\"" + field + "\" is not an ISO-8601 instant: " + text);
        }
    }

    static List<JsonNode> array(JsonNode node, String field) throws CollateralFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new CollateralFormatException("\"" + field + "\" must be an array");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    static JsonNode object(JsonNode node, String field) throws CollateralFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new CollateralFormatException("\"" + field + "\" must be an object");
        }
        return value;
    }

    /** The advisory ids of a TCB level (an optional array of strings). */
    static List<String> advisories(JsonNode level) throws CollateralFormatException {
        if (!level.has("advisoryIDs")) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : array(level, "advisoryIDs")) {
            if (!id.isString()) {
                throw new CollateralFormatException("\"advisoryIDs\" must hold strings");
            }
            ids.add(id.asString());
        }
        return List.copyOf(ids);
    }

    private static String message(JacksonException e) {
        return e.getLocation() == null
                ? e.getOriginalMessage()
                : e.getOriginalMessage() + " (at byte " + e.getLocation().getByteOffset() + ")";
    }
}
