package dev.gavel.bidding.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.util.List;

/**
 * An execution payload, V3 shape plus the OP Isthmus {@code withdrawalsRoot} (present from V4 on,
 * absent in V3 answers).
 */
public record ExecutionPayload(
        Hash32 parentHash,
        Address feeRecipient,
        Hash32 stateRoot,
        Hash32 receiptsRoot,
        Bytes logsBloom,
        Hash32 prevRandao,
        BlockNumber blockNumber,
        Quantity gasLimit,
        Quantity gasUsed,
        Quantity timestamp,
        Bytes extraData,
        Wei baseFeePerGas,
        Hash32 blockHash,
        List<Bytes> transactions,
        List<Withdrawal> withdrawals,
        Quantity blobGasUsed,
        Quantity excessBlobGas,
        @JsonInclude(JsonInclude.Include.NON_NULL) Hash32 withdrawalsRoot) {

    public ExecutionPayload {
        transactions = List.copyOf(transactions);
        withdrawals = List.copyOf(withdrawals);
    }

    /** The V3 shape: the same payload without {@code withdrawalsRoot}. */
    public ExecutionPayload withoutWithdrawalsRoot() {
        return new ExecutionPayload(
                parentHash,
                feeRecipient,
                stateRoot,
                receiptsRoot,
                logsBloom,
                prevRandao,
                blockNumber,
                gasLimit,
                gasUsed,
                timestamp,
                extraData,
                baseFeePerGas,
                blockHash,
                transactions,
                withdrawals,
                blobGasUsed,
                excessBlobGas,
                null);
    }
}
