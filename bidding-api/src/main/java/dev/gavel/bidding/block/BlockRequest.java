package dev.gavel.bidding.block;

import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.util.Objects;
import java.util.Optional;

/**
 * The block a round asks for: its number and parent, the forkchoice update's attributes, the upgrade in force
 * at its timestamp, and its base fee when the parent's header is known (it follows from the parent's).
 */
public record BlockRequest(
        BlockNumber number, Hash32 parent, PayloadAttributes attributes, Fork fork, Optional<Wei> baseFee) {
    public BlockRequest {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(fork, "fork");
        Objects.requireNonNull(baseFee, "baseFee");
    }
}
