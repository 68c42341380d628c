package dev.gavel.bidding.block;

import dev.gavel.bidding.payload.BlobsBundle;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.Withdrawal;
import dev.gavel.bidding.rlp.Rlp;
import dev.gavel.bidding.rlp.RlpReader;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak256;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.util.ArrayList;
import java.util.List;

/**
 * An OP Stack block in Ethereum's own block encoding, {@code RLP([header, transactions, ommers, withdrawals])}
 * (as devp2p and {@code debug_getRawBlock} carry it: typed transactions as byte strings, legacy ones as their
 * list), read into the execution payload envelope the Engine API answers with. The block hash is keccak256 of
 * the header's encoding as received; the header's other commitments (transactions root, ommers, difficulty,
 * nonce, requests) are left to the block-hash check, which recomputes the header from the payload. From
 * Ecotone on an OP header has 20 fields, from Isthmus 21 (with {@code requestsHash}): the envelope is V3 or V4
 * accordingly.
 */
public final class BlockRlp {
    private static final int ECOTONE_FIELDS = 20;
    private static final int ISTHMUS_FIELDS = 21;

    private BlockRlp() {}

    /** The block of {@code envelope}, encoded (a builder's side; the header is recomputed from the payload). */
    public static byte[] encode(ExecutionPayloadEnvelope envelope) {
        ExecutionPayload payload = envelope.executionPayload();
        byte[] header = BlockHashes.header(
                        payload, envelope.parentBeaconBlockRoot(), envelope.executionRequests(), ChainFamily.OP_STACK)
                .rlp();
        List<byte[]> transactions = new ArrayList<>(payload.transactions().size());
        for (Bytes transaction : payload.transactions()) {
            byte[] raw = transaction.toArray();
            boolean legacy = raw.length > 0 && (raw[0] & 0xff) >= 0xc0;
            transactions.add(legacy ? raw : Rlp.encodeBytes(raw));
        }
        return Rlp.encodeList(List.of(
                header,
                Rlp.encodeList(transactions),
                Rlp.encodeList(List.of()),
                Rlp.encodeList(
                        payload.withdrawals().stream().map(Withdrawal::rlp).toList())));
    }

    /**
     * Reads the block that is the next item of {@code in}, with the envelope's {@code blockValue}.
     *
     * @throws dev.gavel.bidding.rlp.RlpException or IllegalArgumentException, naming what is malformed
     */
    public static ExecutionPayloadEnvelope decode(RlpReader in, Wei blockValue) {
        RlpReader block = in.list("the block");
        RlpReader.Span headerSpan = block.span("the block header");
        if (!headerSpan.list()) {
            throw new IllegalArgumentException("the block header must be a list");
        }
        Hash32 blockHash = Hash32.of(new Keccak256()
                .update(block.input(), headerSpan.from(), headerSpan.length())
                .digest());
        RlpReader header = new RlpReader(block.input(), headerSpan.payloadFrom(), headerSpan.to());
        List<Bytes> transactions = transactions(block.list("the transactions"));
        if (block.list("the ommers").hasNext()) {
            throw new IllegalArgumentException("an OP Stack block has no ommers");
        }
        List<Withdrawal> withdrawals = withdrawals(block.list("the withdrawals"));
        block.end("the block");
        return envelope(header, blockHash, transactions, withdrawals, blockValue);
    }

    private static ExecutionPayloadEnvelope envelope(
            RlpReader header,
            Hash32 blockHash,
            List<Bytes> transactions,
            List<Withdrawal> withdrawals,
            Wei blockValue) {
        Hash32 parentHash = hash(header, "parentHash");
        header.bytes("ommersHash");
        Address feeRecipient = Address.of(header.bytes("beneficiary", Address.LENGTH));
        Hash32 stateRoot = hash(header, "stateRoot");
        header.bytes("transactionsRoot");
        Hash32 receiptsRoot = hash(header, "receiptsRoot");
        Bytes logsBloom = Bytes.of(header.bytes("logsBloom", 256));
        header.uint256("difficulty");
        BlockNumber number = BlockNumber.of(header.uint64("number"));
        Quantity gasLimit = Quantity.of(header.uint64("gasLimit"));
        Quantity gasUsed = Quantity.of(header.uint64("gasUsed"));
        Quantity timestamp = Quantity.of(header.uint64("timestamp"));
        Bytes extraData = Bytes.of(header.bytes("extraData"));
        Hash32 prevRandao = hash(header, "mixHash");
        header.bytes("nonce");
        Wei baseFee = new Wei(header.uint256("baseFeePerGas"));
        Hash32 withdrawalsRoot = hash(header, "withdrawalsRoot");
        Quantity blobGasUsed = Quantity.of(header.uint64("blobGasUsed"));
        Quantity excessBlobGas = Quantity.of(header.uint64("excessBlobGas"));
        Hash32 parentBeaconBlockRoot = hash(header, "parentBeaconBlockRoot");
        boolean isthmus = header.hasNext();
        if (isthmus) {
            hash(header, "requestsHash");
        }
        if (header.hasNext()) {
            throw new IllegalArgumentException("an OP Stack header has " + ECOTONE_FIELDS + " fields (Ecotone) or "
                    + ISTHMUS_FIELDS + " (Isthmus), this one more");
        }
        ExecutionPayload payload = new ExecutionPayload(
                parentHash,
                feeRecipient,
                stateRoot,
                receiptsRoot,
                logsBloom,
                prevRandao,
                number,
                gasLimit,
                gasUsed,
                timestamp,
                extraData,
                baseFee,
                blockHash,
                transactions,
                withdrawals,
                blobGasUsed,
                excessBlobGas,
                isthmus ? withdrawalsRoot : null);
        return new ExecutionPayloadEnvelope(
                payload, blockValue, BlobsBundle.EMPTY, false, parentBeaconBlockRoot, isthmus ? List.of() : null);
    }

    private static List<Bytes> transactions(RlpReader list) {
        List<Bytes> transactions = new ArrayList<>();
        while (list.hasNext()) {
            RlpReader.Span transaction = list.span("transaction " + transactions.size());
            int from = transaction.list() ? transaction.from() : transaction.payloadFrom();
            if (!transaction.list() && transaction.to() - from < 1) {
                throw new IllegalArgumentException("transaction " + transactions.size() + " is empty");
            }
            transactions.add(Bytes.copyOfRange(list.input(), from, transaction.to()));
        }
        return transactions;
    }

    private static List<Withdrawal> withdrawals(RlpReader list) {
        List<Withdrawal> withdrawals = new ArrayList<>();
        while (list.hasNext()) {
            RlpReader withdrawal = list.list("withdrawal " + withdrawals.size());
            withdrawals.add(new Withdrawal(
                    Quantity.of(withdrawal.uint64("index")),
                    Quantity.of(withdrawal.uint64("validatorIndex")),
                    Address.of(withdrawal.bytes("address", Address.LENGTH)),
                    Quantity.of(withdrawal.uint64("amount"))));
            withdrawal.end("a withdrawal");
        }
        return withdrawals;
    }

    private static Hash32 hash(RlpReader in, String what) {
        return Hash32.of(in.bytes(what, Hash32.LENGTH));
    }
}
