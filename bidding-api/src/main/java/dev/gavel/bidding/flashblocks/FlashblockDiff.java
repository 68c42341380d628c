package dev.gavel.bidding.flashblocks;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gavel.bidding.payload.Withdrawal;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Quantity;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What one flashblock adds to its block (rollup-boost's {@code ExecutionPayloadFlashblockDeltaV1}): the roots,
 * bloom, gas used and block hash of the block so far (cumulative), and only the transactions and withdrawals
 * that are new in this flashblock. {@code blob_gas_used} is absent before Jovian.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FlashblockDiff(
        Hash32 stateRoot,
        Hash32 receiptsRoot,
        Bytes logsBloom,
        Quantity gasUsed,
        Hash32 blockHash,
        List<Bytes> transactions,
        List<Withdrawal> withdrawals,
        Hash32 withdrawalsRoot,
        @JsonInclude(JsonInclude.Include.NON_NULL) Quantity blobGasUsed) {
    public FlashblockDiff {
        Objects.requireNonNull(stateRoot, "state_root");
        Objects.requireNonNull(receiptsRoot, "receipts_root");
        Objects.requireNonNull(logsBloom, "logs_bloom");
        Objects.requireNonNull(gasUsed, "gas_used");
        Objects.requireNonNull(blockHash, "block_hash");
        Objects.requireNonNull(withdrawalsRoot, "withdrawals_root");
        transactions = List.copyOf(Objects.requireNonNull(transactions, "transactions"));
        withdrawals = List.copyOf(Objects.requireNonNull(withdrawals, "withdrawals"));
    }
}
