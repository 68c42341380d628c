package dev.gavel.bidding.block;

import dev.gavel.bidding.rlp.RlpDecoder;
import dev.gavel.bidding.rlp.RlpException;
import dev.gavel.bidding.rlp.RlpItem;
import dev.gavel.bidding.rlp.RlpReader;
import java.util.Map;
import java.util.Optional;

/** EIP-2718 transaction envelopes: their type, and whether their bytes decode as that type's RLP fields. */
public final class TransactionEnvelopes {
    public static final int LEGACY = 0x00;
    public static final int BLOB = 0x03;
    public static final int DEPOSIT = 0x7e;
    /** How many RLP fields each known type carries. */
    private static final Map<Integer, Integer> FIELDS =
            Map.of(LEGACY, 9, 0x01, 11, 0x02, 12, BLOB, 14, 0x04, 13, DEPOSIT, 8);

    private TransactionEnvelopes() {}

    /** The EIP-2718 type; legacy transactions (an RLP list) are type 0. */
    public static int type(byte[] raw) {
        if (raw.length == 0) {
            throw new IllegalArgumentException("an empty transaction has no type");
        }
        int first = raw[0] & 0xff;
        return first >= 0xc0 ? LEGACY : first;
    }

    /** Where each known type keeps its gas limit among its RLP fields (deposits: their own gas, uncapped). */
    private static final Map<Integer, Integer> GAS_LIMIT_FIELD = Map.of(LEGACY, 2, 0x01, 3, 0x02, 4, BLOB, 4, 0x04, 4);

    /**
     * The gas limit of a well-formed transaction other than a deposit ({@link #problem} empty); empty for a
     * deposit.
     */
    public static java.util.OptionalLong gasLimit(byte[] raw) {
        Integer field = GAS_LIMIT_FIELD.get(type(raw));
        if (field == null) {
            return java.util.OptionalLong.empty();
        }
        RlpReader fields = new RlpReader(raw, type(raw) == LEGACY ? 0 : 1, raw.length).list("the transaction");
        for (int i = 0; i < field; i++) {
            fields.span("field " + i);
        }
        return java.util.OptionalLong.of(fields.uint64("gasLimit"));
    }

    /** Why {@code raw} is not a well-formed transaction of a known type, or empty when it is. */
    public static Optional<String> problem(byte[] raw) {
        if (raw.length == 0) {
            return Optional.of("empty transaction");
        }
        int type = type(raw);
        Integer fields = FIELDS.get(type);
        if (fields == null) {
            return Optional.of("unknown transaction type 0x" + Integer.toHexString(type));
        }
        try {
            RlpItem item = RlpDecoder.decode(raw, type == LEGACY ? 0 : 1);
            if (!(item instanceof RlpItem.RList list) || list.items().size() != fields) {
                return Optional.of("type 0x" + Integer.toHexString(type) + " needs a list of " + fields + " fields");
            }
            return Optional.empty();
        } catch (RlpException e) {
            return Optional.of("type 0x" + Integer.toHexString(type) + ": " + e.getMessage());
        }
    }
}
