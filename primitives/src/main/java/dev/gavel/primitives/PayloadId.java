package dev.gavel.primitives;

import com.fasterxml.jackson.annotation.JsonCreator;

/** A payload id: exactly 8 bytes. */
public final class PayloadId extends ByteValue {
    public static final int LENGTH = 8;

    private PayloadId(byte[] bytes) {
        super(bytes, LENGTH, "a payload id");
    }

    public static PayloadId of(byte[] bytes) {
        return new PayloadId(bytes);
    }

    @JsonCreator
    public static PayloadId fromHex(String hex) {
        return new PayloadId(Hex.decode(hex));
    }
}
