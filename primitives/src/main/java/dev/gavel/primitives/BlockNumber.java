package dev.gavel.primitives;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The number of an L2 block, written as a hex quantity. */
public record BlockNumber(long value) implements Comparable<BlockNumber> {
    public BlockNumber {
        if (value < 0) {
            throw new IllegalArgumentException("a block number is never negative: " + value);
        }
    }

    public static BlockNumber of(long value) {
        return new BlockNumber(value);
    }

    @JsonCreator
    public static BlockNumber fromHex(String quantity) {
        return new BlockNumber(Hex.decodeLongQuantity(quantity));
    }

    @JsonValue
    public String toHex() {
        return Hex.quantity(value);
    }

    public BlockNumber next() {
        return new BlockNumber(Math.addExact(value, 1));
    }

    @Override
    public int compareTo(BlockNumber other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
