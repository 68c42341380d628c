package dev.gavel.primitives;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A uint64 quantity (gas, timestamps, indexes), written as a hex quantity. Held in a signed long, so
 * values above 2^63-1 are refused: no real chain reaches them.
 */
public record Quantity(long value) {
    public static final Quantity ZERO = new Quantity(0);

    public Quantity {
        if (value < 0) {
            throw new IllegalArgumentException("a quantity is never negative: " + value);
        }
    }

    public static Quantity of(long value) {
        return new Quantity(value);
    }

    @JsonCreator
    public static Quantity fromHex(String quantity) {
        return new Quantity(Hex.decodeLongQuantity(quantity));
    }

    @JsonValue
    public String toHex() {
        return Hex.quantity(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
