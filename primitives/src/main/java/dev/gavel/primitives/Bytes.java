package dev.gavel.primitives;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Opaque byte data of any length (DATA in JSON-RPC): raw transactions, extra data, blooms. */
public final class Bytes extends ByteValue {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private Bytes(byte[] bytes) {
        super(bytes, -1, "byte data");
    }

    public static Bytes of(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** Bytes [from, to) of {@code source}, copied once. */
    public static Bytes copyOfRange(byte[] source, int from, int to) {
        return new Bytes(source, from, to);
    }

    private Bytes(byte[] source, int from, int to) {
        super(source, from, to, -1, "byte data");
    }

    @JsonCreator
    public static Bytes fromHex(String hex) {
        return new Bytes(Hex.decode(hex));
    }
}
