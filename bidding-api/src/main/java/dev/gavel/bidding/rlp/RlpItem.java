package dev.gavel.bidding.rlp;

import java.math.BigInteger;
import java.util.List;

/** A decoded RLP item: a byte string or a list of items. */
public sealed interface RlpItem {
    record Str(byte[] bytes) implements RlpItem {
        public BigInteger asBigInteger() {
            if (bytes.length > 0 && bytes[0] == 0) {
                throw new RlpException("integer with a leading zero byte");
            }
            return new BigInteger(1, bytes);
        }
    }

    record RList(List<RlpItem> items) implements RlpItem {}
}
