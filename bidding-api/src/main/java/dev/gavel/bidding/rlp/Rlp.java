package dev.gavel.bidding.rlp;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Recursive Length Prefix encoding (Ethereum yellow paper, appendix B). */
public final class Rlp {
    private static final int SHORT_LIMIT = 55;

    private Rlp() {}

    /** A byte string. */
    public static byte[] encodeBytes(byte[] value) {
        if (value.length == 1 && (value[0] & 0xff) < 0x80) {
            return value.clone();
        }
        return withPrefix(0x80, value);
    }

    /** An unsigned integer: big-endian without leading zeros, zero as the empty string. */
    public static byte[] encodeLong(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("RLP integers are unsigned: " + value);
        }
        return encodeBytes(minimalBigEndian(value));
    }

    /** An unsigned big integer (up to uint256 in practice): big-endian without leading zeros. */
    public static byte[] encodeBigInteger(java.math.BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("RLP integers are unsigned: " + value);
        }
        if (value.signum() == 0) {
            return encodeBytes(new byte[0]);
        }
        byte[] raw = value.toByteArray();
        return encodeBytes(raw[0] == 0 ? java.util.Arrays.copyOfRange(raw, 1, raw.length) : raw);
    }

    /** A list of already encoded items. */
    public static byte[] encodeList(List<byte[]> encodedItems) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        encodedItems.forEach(body::writeBytes);
        return withPrefix(0xc0, body.toByteArray());
    }

    private static byte[] withPrefix(int offset, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 9);
        if (body.length <= SHORT_LIMIT) {
            out.write(offset + body.length);
        } else {
            byte[] length = minimalBigEndian(body.length);
            out.write(offset + SHORT_LIMIT + length.length);
            out.writeBytes(length);
        }
        out.writeBytes(body);
        return out.toByteArray();
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
