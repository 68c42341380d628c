package dev.gavel.bidding.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Quantity;
import java.util.List;
import java.util.Objects;

/**
 * op-alloy's {@code OpPayloadAttributes}: the V3 payload attributes and the OP fields. The sequencer's
 * forced {@code transactions} (L1-info deposit first) must open every block built for them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PayloadAttributes(
        Quantity timestamp,
        Hash32 prevRandao,
        Address suggestedFeeRecipient,
        List<Withdrawal> withdrawals,
        Hash32 parentBeaconBlockRoot,
        List<Bytes> transactions,
        Boolean noTxPool,
        Quantity gasLimit,
        Bytes eip1559Params,
        MinBaseFee minBaseFee) {

    public PayloadAttributes {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(prevRandao, "prevRandao");
        Objects.requireNonNull(suggestedFeeRecipient, "suggestedFeeRecipient");
        withdrawals = withdrawals == null ? null : List.copyOf(withdrawals);
        transactions = transactions == null ? null : List.copyOf(transactions);
        if (eip1559Params != null && eip1559Params.length() != 8) {
            throw new IllegalArgumentException("eip1559Params must be 8 bytes, got " + eip1559Params.length());
        }
    }

    public List<Bytes> forcedTransactions() {
        return transactions == null ? List.of() : transactions;
    }

    public boolean noTxPoolOrDefault() {
        return Boolean.TRUE.equals(noTxPool);
    }
}
