package dev.gavel.bidding.rlp;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes canonical RLP, refusing what Ethereum clients refuse: lengths past the end, non-minimal length
 * prefixes, single bytes below 0x80 wrapped in a string prefix, trailing bytes.
 */
public final class RlpDecoder {
    private final byte[] input;
    private int position;

    private RlpDecoder(byte[] input, int offset) {
        this.input = input;
        this.position = offset;
    }

    /** The one item that {@code input[offset..]} holds, with nothing after it. */
    public static RlpItem decode(byte[] input, int offset) {
        RlpDecoder decoder = new RlpDecoder(input, offset);
        RlpItem item = decoder.next(input.length);
        if (decoder.position != input.length) {
            throw new RlpException((input.length - decoder.position) + " trailing bytes after the RLP item");
        }
        return item;
    }

    private RlpItem next(int end) {
        if (position >= end) {
            throw new RlpException("RLP item expected at byte " + position + ", found the end");
        }
        int prefix = input[position] & 0xff;
        if (prefix < 0x80) {
            return new RlpItem.Str(new byte[] {input[position++]});
        }
        if (prefix < 0xc0) {
            int length = length(prefix - 0x80, end);
            byte[] bytes = slice(length, end);
            if (length == 1 && (bytes[0] & 0xff) < 0x80) {
                throw new RlpException(
                        "single byte below 0x80 must not carry a string prefix (at " + (position - 2) + ")");
            }
            return new RlpItem.Str(bytes);
        }
        int length = length(prefix - 0xc0, end);
        int listEnd = position + length;
        List<RlpItem> items = new ArrayList<>();
        while (position < listEnd) {
            items.add(next(listEnd));
        }
        return new RlpItem.RList(items);
    }

    /** Reads the payload length after a prefix whose offset-free value is {@code shortOrLengthOfLength}. */
    private int length(int shortOrLengthOfLength, int end) {
        position++;
        if (shortOrLengthOfLength <= 55) {
            return requireWithin(shortOrLengthOfLength, end);
        }
        int lengthOfLength = shortOrLengthOfLength - 55;
        if (lengthOfLength > 4 || position + lengthOfLength > end) {
            throw new RlpException("length of length " + lengthOfLength + " at byte " + position + " is out of bounds");
        }
        if (input[position] == 0) {
            throw new RlpException("length with a leading zero at byte " + position);
        }
        long length = 0;
        for (int i = 0; i < lengthOfLength; i++) {
            length = (length << 8) | (input[position++] & 0xff);
        }
        if (length <= 55) {
            throw new RlpException("long form used for a length of " + length + " at byte " + position);
        }
        if (length > Integer.MAX_VALUE) {
            throw new RlpException("length " + length + " exceeds any payload");
        }
        return requireWithin((int) length, end);
    }

    private int requireWithin(int length, int end) {
        if ((long) position + length > end) {
            throw new RlpException(
                    "item of " + length + " bytes at byte " + position + " runs past the end (" + end + ")");
        }
        return length;
    }

    private byte[] slice(int length, int end) {
        byte[] bytes = java.util.Arrays.copyOfRange(input, position, position + length);
        position += length;
        return bytes;
    }
}
