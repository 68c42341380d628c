package dev.gavel.service.orderflow;

import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One {@code eth_sendBundle} bundle, in the shape Flashbots' and rbuilder's builders take: its signed
 * transactions in order, the block it is for, an optional time window, the transactions allowed to revert, and
 * an optional replacement id (a later bundle with the same id replaces this one).
 */
public record Bundle(
        List<Bytes> txs,
        long blockNumber,
        OptionalLong minTimestamp,
        OptionalLong maxTimestamp,
        List<Hash32> revertingTxHashes,
        String replacementUuid) {
    /** The most transactions one bundle may hold. */
    public static final int MAX_TRANSACTIONS = 100;

    public Bundle {
        txs = List.copyOf(txs);
        revertingTxHashes = List.copyOf(revertingTxHashes);
    }

    /** keccak256 of its transactions' hashes in order, as Flashbots answers {@code bundleHash}. */
    public Hash32 hash() {
        ByteArrayOutputStream hashes = new ByteArrayOutputStream();
        txs.forEach(tx -> hashes.writeBytes(Keccak.hash(tx.toArray()).toArray()));
        return Keccak.hash(hashes.toByteArray());
    }

    /** @throws IllegalArgumentException naming the member at fault */
    static Bundle of(JsonNode params) {
        if (!params.isObject()) {
            throw new IllegalArgumentException("params[0] must be the bundle, an object");
        }
        List<Bytes> txs = new ArrayList<>();
        JsonNode given = params.path("txs");
        if (!given.isArray() || given.isEmpty() || given.size() > MAX_TRANSACTIONS) {
            throw new IllegalArgumentException("txs must be 1 to " + MAX_TRANSACTIONS + " signed transactions (0x…)");
        }
        for (JsonNode tx : given) {
            Bytes raw = hex(tx, "txs[" + txs.size() + "]");
            if (raw.length() == 0) {
                throw new IllegalArgumentException("txs[" + txs.size() + "] is empty");
            }
            txs.add(raw);
        }
        List<Hash32> reverting = new ArrayList<>();
        for (JsonNode hash : params.path("revertingTxHashes")) {
            reverting.add(Hash32.of(
                    hex(hash, "revertingTxHashes[" + reverting.size() + "]").toArray()));
        }
        OptionalLong min = timestamp(params, "minTimestamp");
        OptionalLong max = timestamp(params, "maxTimestamp");
        if (min.isPresent() && max.isPresent() && max.getAsLong() != 0 && min.getAsLong() > max.getAsLong()) {
            throw new IllegalArgumentException("minTimestamp is after maxTimestamp");
        }
        return new Bundle(txs, blockNumber(params.path("blockNumber")), min, max, reverting, uuid(params));
    }

    private static Bytes hex(JsonNode node, String name) {
        try {
            return Bytes.fromHex(node.asString());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be 0x-prefixed hex");
        }
    }

    private static long blockNumber(JsonNode node) {
        String text = node.isString() ? node.asString() : "";
        if (!text.matches("0x[0-9a-fA-F]{1,15}")) {
            throw new IllegalArgumentException("blockNumber must be a hex quantity (0x…)");
        }
        return Long.parseLong(text.substring(2), 16);
    }

    private static OptionalLong timestamp(JsonNode params, String name) {
        JsonNode node = params.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return OptionalLong.empty();
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 0) {
            throw new IllegalArgumentException(name + " must be a non-negative integer (seconds)");
        }
        return OptionalLong.of(node.asLong());
    }

    private static String uuid(JsonNode params) {
        JsonNode node = params.path("replacementUuid");
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        try {
            return UUID.fromString(node.asString()).toString();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("replacementUuid must be a UUID");
        }
    }
}
