package dev.gavel.bidding.flashblocks;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.util.Objects;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The header fields a block's first flashblock fixes (rollup-boost's {@code ExecutionPayloadBaseV1}): what the
 * round's attributes and parent already determine, so every later flashblock of the block shares them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FlashblockBase(
        Hash32 parentBeaconBlockRoot,
        Hash32 parentHash,
        Address feeRecipient,
        Hash32 prevRandao,
        BlockNumber blockNumber,
        Quantity gasLimit,
        Quantity timestamp,
        Bytes extraData,
        Wei baseFeePerGas) {
    public FlashblockBase {
        Objects.requireNonNull(parentBeaconBlockRoot, "parent_beacon_block_root");
        Objects.requireNonNull(parentHash, "parent_hash");
        Objects.requireNonNull(feeRecipient, "fee_recipient");
        Objects.requireNonNull(prevRandao, "prev_randao");
        Objects.requireNonNull(blockNumber, "block_number");
        Objects.requireNonNull(gasLimit, "gas_limit");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(extraData, "extra_data");
        Objects.requireNonNull(baseFeePerGas, "base_fee_per_gas");
    }
}
