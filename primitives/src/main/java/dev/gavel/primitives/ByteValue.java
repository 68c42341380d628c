package dev.gavel.primitives;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** An immutable byte string written as 0x-hex; subclasses fix its length and meaning. */
public abstract class ByteValue {
    private final byte[] bytes;

    protected ByteValue(byte[] bytes, int requiredLength, String kind) {
        if (bytes == null) {
            throw new IllegalArgumentException(kind + " is missing");
        }
        if (requiredLength >= 0 && bytes.length != requiredLength) {
            throw new IllegalArgumentException(kind + " must be " + requiredLength + " bytes, got " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    /** Bytes [from, to) of {@code source}, copied once (a slice of a larger buffer). */
    protected ByteValue(byte[] source, int from, int to, int requiredLength, String kind) {
        this(requiredLength, kind, Arrays.copyOfRange(source, from, to));
    }

    private ByteValue(int requiredLength, String kind, byte[] owned) {
        if (requiredLength >= 0 && owned.length != requiredLength) {
            throw new IllegalArgumentException(kind + " must be " + requiredLength + " bytes, got " + owned.length);
        }
        this.bytes = owned;
    }

    /** A copy of the bytes. */
    public final byte[] toArray() {
        return bytes.clone();
    }

    public final int length() {
        return bytes.length;
    }

    /** Copies the bytes into {@code target} at {@code offset}, without an intermediate copy. */
    public final void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    @JsonValue
    public final String toHex() {
        return Hex.encode(bytes);
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && Arrays.equals(bytes, ((ByteValue) other).bytes);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
