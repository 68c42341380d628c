package dev.gavel.bidding.rlp;

import java.util.List;

/** A decoded RLP item: a byte string or a list of items. */
public sealed interface RlpItem {
    record Str(byte[] bytes) implements RlpItem {}

    record RList(List<RlpItem> items) implements RlpItem {}
}
