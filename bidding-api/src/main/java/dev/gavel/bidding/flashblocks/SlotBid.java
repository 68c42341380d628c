package dev.gavel.bidding.flashblocks;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.util.Objects;

/**
 * An ex-ante bid: pay {@code value} for the right to build block {@code blockNumber} on {@code parentHash}, if the
 * block built under that right becomes canonical. No payload and no payload id exist yet, so the slot is named
 * by its number and parent. Signed as EIP-712 typed data, see {@link SlotBidSignatures}.
 */
public record SlotBid(BlockNumber blockNumber, Hash32 parentHash, Wei value, Address builder) {
    public SlotBid {
        Objects.requireNonNull(blockNumber, "blockNumber");
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(builder, "builder");
    }
}
