package dev.gavel.bidding.json;

import dev.gavel.primitives.Bytes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** The one JSON mapping of Gavel's wire types, shared by the service, the builder client and tests. */
public final class WireJson {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("gavel-wire").addDeserializer(Bytes.class, new HexBytesDeserializer()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** For signed text: exactly one document, no key twice, no member the type does not know. */
    private static final JsonMapper STRICT = MAPPER.rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private WireJson() {}

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static String writeString(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Reads {@code type}; a {@link JacksonException} names what is wrong and where. */
    public static <T> T read(byte[] json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    /**
     * Reads {@code type} from text whose bytes a signature covers, so that no reader can see in it what Gavel
     * did not: a second document, a repeated key or an unknown member is refused.
     */
    public static <T> T readStrict(byte[] json, Class<T> type) {
        return STRICT.readValue(json, type);
    }

    public static <T> T read(String json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }
}
