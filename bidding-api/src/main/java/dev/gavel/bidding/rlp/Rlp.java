package dev.gavel.bidding.rlp;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/** Recursive Length Prefix encoding (Ethereum yellow paper, appendix B), into exact-size arrays. */
public final class Rlp {
    private static final int SHORT_LIMIT = 55;
    private static final int STRING_OFFSET = 0x80;
    private static final int LIST_OFFSET = 0xc0;
    private static final byte[] NO_PREFIX = new byte[0];

    private Rlp() {}

    /** A byte string. */
    public static byte[] encodeBytes(byte[] value) {
        byte[] prefix = stringPrefix(value);
        byte[] out = Arrays.copyOf(prefix, prefix.length + value.length);
        System.arraycopy(value, 0, out, prefix.length, value.length);
        return out;
    }

    /** An unsigned integer: big-endian without leading zeros, zero as the empty string. */
    public static byte[] encodeLong(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("RLP integers are unsigned: " + value);
        }
        return encodeBytes(minimalBigEndian(value));
    }

    /** An unsigned big integer (up to uint256 in practice): big-endian without leading zeros. */
    public static byte[] encodeBigInteger(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("RLP integers are unsigned: " + value);
        }
        if (value.signum() == 0) {
            return encodeBytes(NO_PREFIX);
        }
        byte[] raw = value.toByteArray();
        return encodeBytes(raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw);
    }

    /** A list of already encoded items. */
    public static byte[] encodeList(List<byte[]> encodedItems) {
        int length = 0;
        for (byte[] item : encodedItems) {
            length += item.length;
        }
        byte[] prefix = listPrefix(length);
        byte[] out = Arrays.copyOf(prefix, prefix.length + length);
        int at = prefix.length;
        for (byte[] item : encodedItems) {
            System.arraycopy(item, 0, out, at, item.length);
            at += item.length;
        }
        return out;
    }

    /** What precedes {@code value} in its encoding: nothing for one byte below 0x80, else the length. */
    public static byte[] stringPrefix(byte[] value) {
        if (value.length == 1 && (value[0] & 0xff) < STRING_OFFSET) {
            return NO_PREFIX;
        }
        return prefix(STRING_OFFSET, value.length);
    }

    /** What precedes a list whose encoded items take {@code payloadLength} bytes. */
    public static byte[] listPrefix(int payloadLength) {
        return prefix(LIST_OFFSET, payloadLength);
    }

    private static byte[] prefix(int offset, int length) {
        if (length <= SHORT_LIMIT) {
            return new byte[] {(byte) (offset + length)};
        }
        byte[] lengthBytes = minimalBigEndian(length);
        byte[] out = new byte[1 + lengthBytes.length];
        out[0] = (byte) (offset + SHORT_LIMIT + lengthBytes.length);
        System.arraycopy(lengthBytes, 0, out, 1, lengthBytes.length);
        return out;
    }

    private static byte[] minimalBigEndian(long value) {
        int length = (Long.SIZE - Long.numberOfLeadingZeros(value) + 7) / 8;
        byte[] out = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }
}
