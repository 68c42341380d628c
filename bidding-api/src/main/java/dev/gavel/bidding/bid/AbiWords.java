package dev.gavel.bidding.bid;

import dev.gavel.primitives.Address;
import java.math.BigInteger;

/** Writes 32-byte ABI words in place, as EIP-712's encodeData lays out static values. */
public final class AbiWords {
    private AbiWords() {}

    public static void putUint(byte[] target, int offset, BigInteger value) {
        byte[] raw = value.toByteArray();
        int skip = raw.length > 32 ? raw.length - 32 : 0; // drops the sign byte of a full 256-bit value
        System.arraycopy(raw, skip, target, offset + 32 - (raw.length - skip), raw.length - skip);
    }

    public static void putAddress(byte[] target, int offset, Address address) {
        address.copyTo(target, offset + 12);
    }
}
