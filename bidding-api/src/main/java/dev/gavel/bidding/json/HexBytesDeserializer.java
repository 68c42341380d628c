package dev.gavel.bidding.json;

import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hex;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/** DATA read straight from the parser's character buffer: no String of a megabyte ciphertext or payload. */
public final class HexBytesDeserializer extends ValueDeserializer<Bytes> {
    @Override
    public Bytes deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (Bytes) context.handleUnexpectedToken(Bytes.class, parser);
        }
        try {
            return Bytes.of(
                    Hex.decode(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength()));
        } catch (IllegalArgumentException e) {
            JacksonException invalid = context.weirdStringException(parser.getString(), Bytes.class, e.getMessage());
            invalid.initCause(e); // what is wrong, in the wire format's terms (JsonProblems)
            throw invalid;
        }
    }
}
