package dev.gavel.primitives;

import com.fasterxml.jackson.annotation.JsonCreator;

/** An address: exactly 20 bytes. */
public final class Address extends ByteValue {
    public static final int LENGTH = 20;

    private Address(byte[] bytes) {
        super(bytes, LENGTH, "an address");
    }

    public static Address of(byte[] bytes) {
        return new Address(bytes);
    }

    @JsonCreator
    public static Address fromHex(String hex) {
        return new Address(Hex.decode(hex));
    }
}
