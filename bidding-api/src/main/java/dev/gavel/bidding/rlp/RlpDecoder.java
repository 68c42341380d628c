package dev.gavel.bidding.rlp;

import java.util.ArrayList;
import java.util.List;

/** Decodes canonical RLP into a tree of items ({@link RlpReader} says what it refuses), with nothing after it. */
public final class RlpDecoder {
    private RlpDecoder() {}

    /** The one item that {@code input[offset..]} holds, with nothing after it. */
    public static RlpItem decode(byte[] input, int offset) {
        RlpReader reader = new RlpReader(input, offset, input.length);
        RlpItem item = next(reader);
        reader.end("the RLP item");
        return item;
    }

    private static RlpItem next(RlpReader reader) {
        if (!reader.nextIsList()) {
            return new RlpItem.Str(reader.bytes("an item"));
        }
        RlpReader list = reader.list("a list");
        List<RlpItem> items = new ArrayList<>();
        while (list.hasNext()) {
            items.add(next(list));
        }
        return new RlpItem.RList(items);
    }
}
