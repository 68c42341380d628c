package dev.gavel.primitives;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigInteger;

/** An amount of wei: a uint256, written as a hex quantity. */
public record Wei(BigInteger amount) implements Comparable<Wei> {
    public static final Wei ZERO = new Wei(BigInteger.ZERO);
    private static final int BITS = 256;
    public static final Wei MAX = new Wei(BigInteger.ONE.shiftLeft(BITS).subtract(BigInteger.ONE));

    public Wei {
        if (amount == null || amount.signum() < 0 || amount.bitLength() > BITS) {
            throw new IllegalArgumentException("wei must be a uint256, got " + amount);
        }
    }

    public static Wei of(long amount) {
        return new Wei(BigInteger.valueOf(amount));
    }

    @JsonCreator
    public static Wei fromHex(String quantity) {
        return new Wei(Hex.decodeQuantity(quantity, BITS));
    }

    @JsonValue
    public String toHex() {
        return Hex.quantity(amount);
    }

    public boolean isLessThan(Wei other) {
        return compareTo(other) < 0;
    }

    /** The sum, saturating at the uint256 maximum (as the settlement contract's debt does). */
    public Wei plus(Wei other) {
        BigInteger sum = amount.add(other.amount);
        return sum.bitLength() > BITS ? MAX : new Wei(sum);
    }

    /** @throws IllegalArgumentException when {@code other} is larger */
    public Wei minus(Wei other) {
        return new Wei(amount.subtract(other.amount));
    }

    public static Wei max(Wei a, Wei b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public static Wei min(Wei a, Wei b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public int compareTo(Wei other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public String toString() {
        return amount + " wei";
    }
}
