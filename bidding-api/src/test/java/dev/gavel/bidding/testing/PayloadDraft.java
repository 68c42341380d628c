package dev.gavel.bidding.testing;

import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.Withdrawal;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.util.ArrayList;
import java.util.List;

/** A mutable copy of a payload, to change one field in a test and build it again. */
public final class PayloadDraft {
    public Hash32 parentHash;
    public Address feeRecipient;
    public Hash32 stateRoot;
    public Hash32 receiptsRoot;
    public Bytes logsBloom;
    public Hash32 prevRandao;
    public BlockNumber blockNumber;
    public Quantity gasLimit;
    public Quantity gasUsed;
    public Quantity timestamp;
    public Bytes extraData;
    public Wei baseFeePerGas;
    public Hash32 blockHash;
    public List<Bytes> transactions;
    public List<Withdrawal> withdrawals;
    public Quantity blobGasUsed;
    public Quantity excessBlobGas;
    public Hash32 withdrawalsRoot;

    public PayloadDraft(ExecutionPayload p) {
        parentHash = p.parentHash();
        feeRecipient = p.feeRecipient();
        stateRoot = p.stateRoot();
        receiptsRoot = p.receiptsRoot();
        logsBloom = p.logsBloom();
        prevRandao = p.prevRandao();
        blockNumber = p.blockNumber();
        gasLimit = p.gasLimit();
        gasUsed = p.gasUsed();
        timestamp = p.timestamp();
        extraData = p.extraData();
        baseFeePerGas = p.baseFeePerGas();
        blockHash = p.blockHash();
        transactions = new ArrayList<>(p.transactions());
        withdrawals = new ArrayList<>(p.withdrawals());
        blobGasUsed = p.blobGasUsed();
        excessBlobGas = p.excessBlobGas();
        withdrawalsRoot = p.withdrawalsRoot();
    }

    public ExecutionPayload build() {
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
                withdrawalsRoot);
    }
}
