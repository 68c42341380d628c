package dev.gavel.bidding.bid;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.util.Objects;

/**
 * What a builder commits to: pay {@code value} if its block {@code blockHash} (child of
 * {@code parentHash}, at {@code blockNumber}) wins. Signed as EIP-712 typed data, see {@link BidSignatures}.
 */
public record Bid(BlockNumber blockNumber, Hash32 parentHash, Hash32 blockHash, Wei value, Address builder) {
    public Bid {
        Objects.requireNonNull(blockNumber, "blockNumber");
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(builder, "builder");
    }
}
