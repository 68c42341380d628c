package dev.gavel.primitives;

import java.math.BigInteger;
import java.util.Arrays;

/** Strict 0x-prefixed hex, as the Engine API and JSON-RPC write it. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    private static final byte[] NIBBLES = nibbles();

    private Hex() {}

    public static String encode(byte[] bytes) {
        char[] out = new char[2 + bytes.length * 2];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[2 + 2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[3 + 2 * i] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Decodes DATA: "0x" followed by an even number of hex digits. */
    public static byte[] decode(String text) {
        requirePrefix(text);
        return digits(text, 2);
    }

    /** Hex without the 0x prefix, as Intel's collateral and certificate fingerprints write it. */
    public static String encodeWithoutPrefix(byte[] bytes) {
        return encode(bytes).substring(2);
    }

    /** Decodes hex without the 0x prefix (either case), as Intel's collateral writes it. */
    public static byte[] decodeWithoutPrefix(String text) {
        if (text == null) {
            throw new IllegalArgumentException("hex is missing");
        }
        return digits(text, 0);
    }

    private static byte[] digits(String text, int from) {
        int digits = text.length() - from;
        if (digits % 2 != 0) {
            throw new IllegalArgumentException("hex data must have an even number of digits: " + abbreviate(text));
        }
        byte[] out = new byte[digits / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((digit(text, from + 2 * i) << 4) | digit(text, from + 1 + 2 * i));
        }
        return out;
    }

    /**
     * Decodes DATA held in {@code chars[offset, offset + length)}: a JSON parser's own buffer, so a large
     * value (a sealed bid's ciphertext) is decoded without first becoming a String.
     */
    public static byte[] decode(char[] chars, int offset, int length) {
        if (length < 2 || chars[offset] != '0' || (chars[offset + 1] != 'x' && chars[offset + 1] != 'X')) {
            throw new IllegalArgumentException(
                    "hex must start with 0x: " + abbreviate(new String(chars, offset, Math.min(length, 80))));
        }
        int digits = length - 2;
        if (digits % 2 != 0) {
            throw new IllegalArgumentException("hex data must have an even number of digits (" + digits + ")");
        }
        byte[] out = new byte[digits / 2];
        for (int i = 0, at = offset + 2; i < out.length; i++, at += 2) {
            int high = nibble(chars[at]);
            int low = nibble(chars[at + 1]);
            if ((high | low) < 0) {
                throw new IllegalArgumentException(
                        "not a hex digit at position " + (high < 0 ? at - offset : at + 1 - offset));
            }
            out[i] = (byte) (high << 4 | low);
        }
        return out;
    }

    private static int nibble(char c) {
        return c < NIBBLES.length ? NIBBLES[c] : -1;
    }

    /** Encodes a QUANTITY: "0x" and the shortest hex form ("0x0" for zero). */
    public static String quantity(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("a quantity is never negative: " + value);
        }
        return "0x" + value.toString(16);
    }

    public static String quantity(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** Decodes a QUANTITY of at most {@code maxBits} bits; leading zeros are refused as the spec says. */
    public static BigInteger decodeQuantity(String text, int maxBits) {
        requirePrefix(text);
        if (text.length() == 2) {
            throw new IllegalArgumentException("a quantity needs at least one digit: " + text);
        }
        if (text.length() > 3 && text.charAt(2) == '0') {
            throw new IllegalArgumentException("a quantity has no leading zeros: " + abbreviate(text));
        }
        for (int i = 2; i < text.length(); i++) {
            digit(text, i);
        }
        BigInteger value = new BigInteger(text.substring(2), 16);
        if (value.bitLength() > maxBits) {
            throw new IllegalArgumentException("quantity exceeds " + maxBits + " bits: " + abbreviate(text));
        }
        return value;
    }

    /**
     * Decodes DATA written by hand (a key file, a setting), where the 0x prefix is often left out: {@code text}
     * with or without it.
     */
    public static byte[] decodeOptionalPrefix(String text) {
        boolean prefixed =
                text != null && text.length() >= 2 && text.charAt(0) == '0' && (text.charAt(1) | 0x20) == 'x';
        return decode(prefixed || text == null ? text : "0x" + text);
    }

    /** Decodes a QUANTITY that fits a non-negative long (block numbers, gas, timestamps). */
    public static long decodeLongQuantity(String text) {
        return decodeQuantity(text, 63).longValueExact();
    }

    private static byte[] nibbles() {
        byte[] table = new byte['f' + 1];
        Arrays.fill(table, (byte) -1);
        for (int i = 0; i < 16; i++) {
            table[DIGITS[i]] = (byte) i;
            table[Character.toUpperCase(DIGITS[i])] = (byte) i;
        }
        return table;
    }

    private static void requirePrefix(String text) {
        if (text == null
                || text.length() < 2
                || text.charAt(0) != '0'
                || (text.charAt(1) != 'x' && text.charAt(1) != 'X')) {
            throw new IllegalArgumentException("hex must start with 0x: " + abbreviate(text));
        }
    }

    private static int digit(String text, int at) {
        int value = Character.digit(text.charAt(at), 16);
        if (value < 0) {
            throw new IllegalArgumentException("not a hex digit at position " + at + ": " + abbreviate(text));
        }
        return value;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 80
                ? '"' + text + '"'
                : '"' + text.substring(0, 77) + "...\" (" + text.length() + " chars)";
    }
}
