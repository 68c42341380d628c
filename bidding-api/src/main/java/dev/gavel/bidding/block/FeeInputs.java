package dev.gavel.bidding.block;

import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.util.Objects;

/** The fields of a block header its child's base fee follows from (EIP-1559, with OP's extraData parameters). */
public record FeeInputs(long timestamp, Quantity gasLimit, Quantity gasUsed, Wei baseFee, Bytes extraData) {
    public FeeInputs {
        Objects.requireNonNull(gasLimit, "gasLimit");
        Objects.requireNonNull(gasUsed, "gasUsed");
        Objects.requireNonNull(baseFee, "baseFee");
        Objects.requireNonNull(extraData, "extraData");
    }
}
