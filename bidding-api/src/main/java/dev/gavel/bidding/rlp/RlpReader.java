package dev.gavel.bidding.rlp;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Reads canonical RLP item by item, in place: strings are copied out only when asked for, lists are read by a
 * reader over their payload, and any item's whole encoding can be taken as a span. Refuses what Ethereum
 * clients refuse: lengths past the end, non-minimal length prefixes, single bytes below 0x80 wrapped in a
 * string prefix, integers with leading zeros; {@link #end()} refuses trailing bytes.
 */
public final class RlpReader {
    private static final int SHORT_LIMIT = 55;

    private final byte[] input;
    private final int end;
    private int position;

    public RlpReader(byte[] input, int from, int to) {
        if (from < 0 || to > input.length || from > to) {
            throw new IllegalArgumentException("no range [" + from + ", " + to + ") in " + input.length + " bytes");
        }
        this.input = input;
        this.position = from;
        this.end = to;
    }

    public RlpReader(byte[] input) {
        this(input, 0, input.length);
    }

    /** Whether an item follows. */
    public boolean hasNext() {
        return position < end;
    }

    /** The next item is a list. */
    public boolean nextIsList() {
        return hasNext() && (input[position] & 0xff) >= 0xc0;
    }

    /** A reader over the next item, which must be a list; this one moves past it. */
    public RlpReader list(String what) {
        Item item = next(what);
        if (!item.list) {
            throw new RlpException(what + " must be a list");
        }
        return new RlpReader(input, item.payloadFrom, item.to);
    }

    /** The next item, which must be a string, copied out. */
    public byte[] bytes(String what) {
        Item item = string(what);
        return Arrays.copyOfRange(input, item.payloadFrom, item.to);
    }

    /** The next item, a string of exactly {@code length} bytes. */
    public byte[] bytes(String what, int length) {
        Item item = string(what);
        if (item.to - item.payloadFrom != length) {
            throw new RlpException(what + " must be " + length + " bytes, got " + (item.to - item.payloadFrom));
        }
        return Arrays.copyOfRange(input, item.payloadFrom, item.to);
    }

    /** The next item, an unsigned integer of at most 8 bytes that fits a long. */
    public long uint64(String what) {
        Item item = integer(what, 8);
        long value = 0;
        for (int i = item.payloadFrom; i < item.to; i++) {
            value = (value << 8) | (input[i] & 0xff);
        }
        if (value < 0) {
            throw new RlpException(what + " exceeds 2^63 - 1");
        }
        return value;
    }

    /** The next item, an unsigned integer of at most 32 bytes. */
    public BigInteger uint256(String what) {
        Item item = integer(what, 32);
        return new BigInteger(1, Arrays.copyOfRange(input, item.payloadFrom, item.to));
    }

    /** The next item's whole encoding, prefix included: [from, to) of the input. */
    public Span span(String what) {
        Item item = next(what);
        return new Span(item.from, item.to, item.list, item.payloadFrom);
    }

    /** Refuses anything left after the items read. */
    public void end(String what) {
        if (position != end) {
            throw new RlpException(what + " has " + (end - position) + " bytes after its last item");
        }
    }

    public byte[] input() {
        return input;
    }

    /** Where an item lies in the input: its encoding [from, to), whether a list, and where its payload starts. */
    public record Span(int from, int to, boolean list, int payloadFrom) {
        public int length() {
            return to - from;
        }
    }

    private Item integer(String what, int maxBytes) {
        Item item = string(what);
        int length = item.to - item.payloadFrom;
        if (length > maxBytes) {
            throw new RlpException(what + " is " + length + " bytes, more than " + maxBytes);
        }
        if (length > 0 && input[item.payloadFrom] == 0) {
            throw new RlpException(what + " has a leading zero byte");
        }
        return item;
    }

    private Item string(String what) {
        Item item = next(what);
        if (item.list) {
            throw new RlpException(what + " must be a byte string, not a list");
        }
        return item;
    }

    private Item next(String what) {
        if (position >= end) {
            throw new RlpException(what + " is missing");
        }
        int from = position;
        int prefix = input[position] & 0xff;
        if (prefix < 0x80) {
            position++;
            return new Item(from, from, position, false);
        }
        boolean list = prefix >= 0xc0;
        int length = length(prefix - (list ? 0xc0 : 0x80), what);
        int payloadFrom = position;
        if (!list && length == 1 && (input[payloadFrom] & 0xff) < 0x80) {
            throw new RlpException(what + ": a single byte below 0x80 must not carry a string prefix");
        }
        position += length;
        return new Item(from, payloadFrom, position, list);
    }

    /** Reads the payload length after a prefix whose offset-free value is {@code shortOrLengthOfLength}. */
    private int length(int shortOrLengthOfLength, String what) {
        position++;
        if (shortOrLengthOfLength <= SHORT_LIMIT) {
            return within(shortOrLengthOfLength, what);
        }
        int lengthOfLength = shortOrLengthOfLength - SHORT_LIMIT;
        if (lengthOfLength > 4 || position + lengthOfLength > end) {
            throw new RlpException(what + ": length of length " + lengthOfLength + " is out of bounds");
        }
        if (input[position] == 0) {
            throw new RlpException(what + ": length with a leading zero");
        }
        long length = 0;
        for (int i = 0; i < lengthOfLength; i++) {
            length = (length << 8) | (input[position++] & 0xff);
        }
        if (length <= SHORT_LIMIT) {
            throw new RlpException(what + ": long form used for a length of " + length);
        }
        if (length > Integer.MAX_VALUE) {
            throw new RlpException(what + ": length " + length + " exceeds any payload");
        }
        return within((int) length, what);
    }

    private int within(int length, String what) {
        if ((long) position + length > end) {
            throw new RlpException(what + ": " + length + " bytes run past the end of what holds it");
        }
        return length;
    }

    private record Item(int from, int payloadFrom, int to, boolean list) {}
}
