package dev.gavel.primitives;

import com.fasterxml.jackson.annotation.JsonCreator;

/** A 32-byte hash: exactly 32 bytes. */
public final class Hash32 extends ByteValue {
    public static final int LENGTH = 32;

    private Hash32(byte[] bytes) {
        super(bytes, LENGTH, "a 32-byte hash");
    }

    public static Hash32 of(byte[] bytes) {
        return new Hash32(bytes);
    }

    @JsonCreator
    public static Hash32 fromHex(String hex) {
        return new Hash32(Hex.decode(hex));
    }
}
