package dev.gavel.bidding.payload;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gavel.primitives.Hex;

/**
 * Jovian's {@code minBaseFee}. op-alloy writes it as a plain JSON number; other clients send a hex
 * quantity, so both are read. It is written back as a number, as op-alloy does.
 */
public record MinBaseFee(long value) {
    public MinBaseFee {
        if (value < 0) {
            throw new IllegalArgumentException("minBaseFee is never negative: " + value);
        }
    }

    @JsonCreator
    public static MinBaseFee fromNumber(long value) {
        return new MinBaseFee(value);
    }

    @JsonCreator
    public static MinBaseFee fromHex(String quantity) {
        return new MinBaseFee(Hex.decodeLongQuantity(quantity));
    }

    @JsonValue
    public long asNumber() {
        return value;
    }
}
