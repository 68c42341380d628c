package dev.gavel.core.flashblocks;

import dev.gavel.bidding.block.BlockHashes;
import dev.gavel.bidding.block.BlockRequest;
import dev.gavel.bidding.block.ChainFamily;
import dev.gavel.bidding.block.Fork;
import dev.gavel.bidding.block.PayloadConformance;
import dev.gavel.bidding.flashblocks.Flashblock;
import dev.gavel.bidding.flashblocks.FlashblockBase;
import dev.gavel.bidding.flashblocks.FlashblockDiff;
import dev.gavel.bidding.flashblocks.SignedFlashblock;
import dev.gavel.bidding.payload.BlobsBundle;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.Withdrawal;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One ex-ante round's flashblocks, checked before any is relayed: each must be the next index of the round's
 * payload id, carry the base on index 0 only, keep its cumulative fields from going back, add no transaction the
 * stream already has, and leave a block so far that the round asked for (the ex-post payload checks: its
 * attributes, the forced transactions first) and that hashes to the block hash it claims. The block so far is
 * assembled as rollup-boost assembles it at getPayload (base, the last diff, every transaction in order), so
 * what passes here is what rollup-boost would hand the sequencer. A refused flashblock leaves the stream as it
 * was. Not thread-safe: one round's stream is fed from one place.
 */
public final class FlashblockStream {
    private final PayloadId payloadId;
    private final BlockRequest request;
    private final List<Bytes> transactions = new ArrayList<>();
    private final Set<Bytes> seen = new HashSet<>();
    private final List<Withdrawal> withdrawals = new ArrayList<>();
    private FlashblockBase base;
    private FlashblockDiff last;
    private ExecutionPayloadEnvelope block;
    private long relayed;

    public FlashblockStream(PayloadId payloadId, BlockRequest request) {
        this.payloadId = payloadId;
        this.request = request;
    }

    public FlashblockVerdict offer(SignedFlashblock signed) {
        Flashblock flashblock = signed.flashblock();
        Optional<FlashblockVerdict.Refuse> refusal = shape(flashblock).or(() -> additions(flashblock.diff()));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        FlashblockBase nextBase = base == null ? flashblock.base() : base;
        List<Bytes> nextTransactions = concat(transactions, flashblock.diff().transactions());
        List<Withdrawal> nextWithdrawals = concat(withdrawals, flashblock.diff().withdrawals());
        ExecutionPayloadEnvelope assembled = assemble(nextBase, flashblock.diff(), nextTransactions, nextWithdrawals);
        Optional<FlashblockVerdict.Refuse> blockRefusal = judgeBlock(assembled);
        if (blockRefusal.isPresent()) {
            return blockRefusal.get();
        }
        base = nextBase;
        last = flashblock.diff();
        transactions.addAll(flashblock.diff().transactions());
        seen.addAll(flashblock.diff().transactions());
        withdrawals.addAll(flashblock.diff().withdrawals());
        block = assembled;
        relayed++;
        return new FlashblockVerdict.Relay(signed, assembled);
    }

    /** The block the relayed flashblocks make, as rollup-boost assembles it; empty before the first. */
    public Optional<ExecutionPayloadEnvelope> block() {
        return Optional.ofNullable(block);
    }
    /** The block the round is for. */
    public BlockNumber blockNumber() {
        return request.number();
    }

    /** How many flashblocks were relayed: the next index expected. */
    public long relayed() {
        return relayed;
    }

    private Optional<FlashblockVerdict.Refuse> shape(Flashblock flashblock) {
        if (!flashblock.payloadId().equals(payloadId)) {
            return refuse(
                    FlashblockFault.WRONG_PAYLOAD_ID,
                    "payload_id " + flashblock.payloadId() + " is not the round's " + payloadId);
        }
        if (flashblock.index() != relayed) {
            return refuse(
                    FlashblockFault.OUT_OF_ORDER, "index " + flashblock.index() + " where " + relayed + " is next");
        }
        if (flashblock.index() == 0 && flashblock.base() == null) {
            return refuse(FlashblockFault.BASE_MISSING, "index 0 carries no base");
        }
        if (flashblock.index() > 0 && flashblock.base() != null) {
            return refuse(FlashblockFault.BASE_UNEXPECTED, "index " + flashblock.index() + " carries a base");
        }
        return Optional.empty();
    }

    private Optional<FlashblockVerdict.Refuse> additions(FlashblockDiff diff) {
        if (last != null && diff.gasUsed().value() < last.gasUsed().value()) {
            return refuse(
                    FlashblockFault.CUMULATIVE_DECREASED,
                    "gas_used " + diff.gasUsed() + " is below the previous flashblock's " + last.gasUsed());
        }
        if (last != null && blobGas(diff) < blobGas(last)) {
            return refuse(
                    FlashblockFault.CUMULATIVE_DECREASED,
                    "blob_gas_used " + blobGas(diff) + " is below the previous flashblock's " + blobGas(last));
        }
        Set<Bytes> added = new HashSet<>();
        for (int i = 0; i < diff.transactions().size(); i++) {
            Bytes transaction = diff.transactions().get(i);
            if (seen.contains(transaction) || !added.add(transaction)) {
                return refuse(
                        FlashblockFault.DUPLICATE_TRANSACTION,
                        "transaction " + i + " of the diff is already in the block");
            }
        }
        return Optional.empty();
    }

    private Optional<FlashblockVerdict.Refuse> judgeBlock(ExecutionPayloadEnvelope assembled) {
        Optional<FlashblockVerdict.Refuse> conformance = PayloadConformance.check(assembled, request)
                .map(r -> new FlashblockVerdict.Refuse(
                        FlashblockFault.NONCONFORMING_BLOCK, "the block so far: " + r.code() + ": " + r.message()));
        if (conformance.isPresent()) {
            return conformance;
        }
        ExecutionPayload payload = assembled.executionPayload();
        Hash32 computed = BlockHashes.compute(
                payload, assembled.parentBeaconBlockRoot(), assembled.executionRequests(), ChainFamily.OP_STACK);
        return computed.equals(payload.blockHash())
                ? Optional.empty()
                : refuse(
                        FlashblockFault.BLOCK_HASH_MISMATCH,
                        "the block so far hashes to " + computed + ", not to its block_hash " + payload.blockHash());
    }

    /** rollup-boost's assembly: base, last diff, all transactions; no blob gas excess, value or blobs. */
    private ExecutionPayloadEnvelope assemble(
            FlashblockBase base, FlashblockDiff diff, List<Bytes> transactions, List<Withdrawal> withdrawals) {
        boolean isthmus = request.fork().isAtLeast(Fork.ISTHMUS);
        ExecutionPayload payload = new ExecutionPayload(
                base.parentHash(),
                base.feeRecipient(),
                diff.stateRoot(),
                diff.receiptsRoot(),
                diff.logsBloom(),
                base.prevRandao(),
                base.blockNumber(),
                base.gasLimit(),
                diff.gasUsed(),
                base.timestamp(),
                base.extraData(),
                base.baseFeePerGas(),
                diff.blockHash(),
                transactions,
                withdrawals,
                Quantity.of(blobGas(diff)),
                Quantity.ZERO,
                isthmus ? diff.withdrawalsRoot() : null);
        return new ExecutionPayloadEnvelope(
                payload, Wei.ZERO, BlobsBundle.EMPTY, false, base.parentBeaconBlockRoot(), isthmus ? List.of() : null);
    }

    private static long blobGas(FlashblockDiff diff) {
        return diff.blobGasUsed() == null ? 0 : diff.blobGasUsed().value();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return all;
    }

    private static Optional<FlashblockVerdict.Refuse> refuse(FlashblockFault fault, String reason) {
        return Optional.of(new FlashblockVerdict.Refuse(fault, reason));
    }
}
