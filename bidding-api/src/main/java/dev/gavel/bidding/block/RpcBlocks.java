package dev.gavel.bidding.block;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.Withdrawal;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Hex;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Blocks as {@code eth_getBlockByNumber} returns them (with full transactions): their declared header and their payload. */
public final class RpcBlocks {
    private RpcBlocks() {}

    /** The header exactly as the block declares it, every field taken from the JSON. */
    static BlockHeader declaredHeader(JsonNode block) {
        return new BlockHeader(
                hash(block, "parentHash"),
                hash(block, "sha3Uncles"),
                Address.fromHex(text(block, "miner")),
                hash(block, "stateRoot"),
                hash(block, "transactionsRoot"),
                hash(block, "receiptsRoot"),
                Bytes.fromHex(text(block, "logsBloom")),
                Hex.decodeQuantity(text(block, "difficulty"), 256),
                number(block, "number"),
                number(block, "gasLimit"),
                number(block, "gasUsed"),
                number(block, "timestamp"),
                Bytes.fromHex(text(block, "extraData")),
                hash(block, "mixHash"),
                Bytes.fromHex(text(block, "nonce")),
                block.has("baseFeePerGas") ? Hex.decodeQuantity(text(block, "baseFeePerGas"), 256) : null,
                optionalHash(block, "withdrawalsRoot"),
                block.has("blobGasUsed") ? number(block, "blobGasUsed") : null,
                block.has("excessBlobGas") ? number(block, "excessBlobGas") : null,
                optionalHash(block, "parentBeaconBlockRoot"),
                optionalHash(block, "requestsHash"));
    }

    /** The block as an execution payload, its JSON transactions re-encoded to their raw bytes. */
    public static ExecutionPayload payload(JsonNode block, ChainFamily family) {
        List<Bytes> transactions = new ArrayList<>();
        for (JsonNode tx : block.path("transactions")) {
            if (!tx.isObject()) {
                throw new IllegalArgumentException(
                        "the block lists transaction hashes only; fetch it with full transactions");
            }
            transactions.add(Bytes.of(RpcTransactions.encode(tx)));
        }
        List<Withdrawal> withdrawals = new ArrayList<>();
        for (JsonNode withdrawal : block.path("withdrawals")) {
            withdrawals.add(WireJson.MAPPER.treeToValue(withdrawal, Withdrawal.class));
        }
        return new ExecutionPayload(
                hash(block, "parentHash"),
                Address.fromHex(text(block, "miner")),
                hash(block, "stateRoot"),
                hash(block, "receiptsRoot"),
                Bytes.fromHex(text(block, "logsBloom")),
                hash(block, "mixHash"),
                BlockNumber.of(number(block, "number")),
                Quantity.of(number(block, "gasLimit")),
                Quantity.of(number(block, "gasUsed")),
                Quantity.of(number(block, "timestamp")),
                Bytes.fromHex(text(block, "extraData")),
                Wei.fromHex(text(block, "baseFeePerGas")),
                hash(block, "hash"),
                transactions,
                withdrawals,
                Quantity.of(number(block, "blobGasUsed")),
                Quantity.of(number(block, "excessBlobGas")),
                family == ChainFamily.OP_STACK && block.has("requestsHash")
                        ? optionalHash(block, "withdrawalsRoot")
                        : null);
    }

    private static String text(JsonNode block, String field) {
        JsonNode value = block.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("the block has no " + field);
        }
        return value.asString();
    }

    private static Hash32 hash(JsonNode block, String field) {
        return Hash32.fromHex(text(block, field));
    }

    private static Hash32 optionalHash(JsonNode block, String field) {
        return block.hasNonNull(field) ? hash(block, field) : null;
    }

    private static long number(JsonNode block, String field) {
        return Hex.decodeLongQuantity(text(block, field));
    }
}
