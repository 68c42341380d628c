package dev.gavel.attestation.quote;

import java.util.Arrays;

/** Reads little-endian fields from a quote, refusing every read past its bound with the offset and the field. */
final class QuoteReader {
    private final byte[] bytes;
    private final int end;
    private int position;

    QuoteReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    int position() {
        return position;
    }

    int u16(String field) throws QuoteFormatException {
        require(2, field);
        int value = (bytes[position] & 0xff) | (bytes[position + 1] & 0xff) << 8;
        position += 2;
        return value;
    }

    long u32(String field) throws QuoteFormatException {
        require(4, field);
        long value = (bytes[position] & 0xffL)
                | (bytes[position + 1] & 0xffL) << 8
                | (bytes[position + 2] & 0xffL) << 16
                | (bytes[position + 3] & 0xffL) << 24;
        position += 4;
        return value;
    }

    byte[] bytes(long length, String field) throws QuoteFormatException {
        if (length < 0 || length > end - position) {
            throw new QuoteFormatException(
                    field + " of " + length + " bytes at offset " + position + " runs past the end (" + end + ")");
        }
        byte[] out = Arrays.copyOfRange(bytes, position, position + (int) length);
        position += (int) length;
        return out;
    }

    /** A reader over the next {@code length} bytes, which this one skips. */
    QuoteReader section(long length, String field) throws QuoteFormatException {
        if (length < 0 || length > end - position) {
            throw new QuoteFormatException(
                    field + " of " + length + " bytes at offset " + position + " runs past the end (" + end + ")");
        }
        QuoteReader section = new QuoteReader(bytes, position, position + (int) length);
        position += (int) length;
        return section;
    }

    int remaining() {
        return end - position;
    }

    private void require(int length, String field) throws QuoteFormatException {
        if (end - position < length) {
            throw new QuoteFormatException(
                    field + " at offset " + position + " needs " + length + " bytes; the quote ends at " + end);
        }
    }
}
