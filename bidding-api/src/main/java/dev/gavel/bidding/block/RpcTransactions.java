package dev.gavel.bidding.block;

import dev.gavel.bidding.rlp.Rlp;
import dev.gavel.primitives.Hex;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Re-encodes a transaction as JSON-RPC returns it into its EIP-2718 bytes: legacy, access-list (0x01),
 * dynamic-fee (0x02) and OP deposit (0x7e) transactions.
 */
public final class RpcTransactions {
    private RpcTransactions() {}

    public static byte[] encode(JsonNode tx) {
        int type = tx.has("type") ? (int) Hex.decodeLongQuantity(tx.get("type").asString()) : 0;
        return switch (type) {
            case 0x00 ->
                Rlp.encodeList(List.of(
                        quantity(tx, "nonce"),
                        quantity(tx, "gasPrice"),
                        quantity(tx, "gas"),
                        data(tx, "to"),
                        quantity(tx, "value"),
                        data(tx, "input"),
                        quantity(tx, "v"),
                        quantity(tx, "r"),
                        quantity(tx, "s")));
            case 0x01 ->
                typed(
                        0x01,
                        quantity(tx, "chainId"),
                        quantity(tx, "nonce"),
                        quantity(tx, "gasPrice"),
                        quantity(tx, "gas"),
                        data(tx, "to"),
                        quantity(tx, "value"),
                        data(tx, "input"),
                        accessList(tx),
                        yParity(tx),
                        quantity(tx, "r"),
                        quantity(tx, "s"));
            case 0x02 ->
                typed(
                        0x02,
                        quantity(tx, "chainId"),
                        quantity(tx, "nonce"),
                        quantity(tx, "maxPriorityFeePerGas"),
                        quantity(tx, "maxFeePerGas"),
                        quantity(tx, "gas"),
                        data(tx, "to"),
                        quantity(tx, "value"),
                        data(tx, "input"),
                        accessList(tx),
                        yParity(tx),
                        quantity(tx, "r"),
                        quantity(tx, "s"));
            case 0x7e ->
                typed(
                        0x7e,
                        data(tx, "sourceHash"),
                        data(tx, "from"),
                        data(tx, "to"),
                        quantity(tx, "mint"),
                        quantity(tx, "value"),
                        quantity(tx, "gas"),
                        Rlp.encodeLong(tx.path("isSystemTx").asBoolean(false) ? 1 : 0),
                        data(tx, "input"));
            default ->
                throw new IllegalArgumentException(
                        "transaction type 0x" + Integer.toHexString(type) + " cannot be re-encoded from JSON");
        };
    }

    private static byte[] typed(int type, byte[]... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.writeBytes(Rlp.encodeList(List.of(fields)));
        return out.toByteArray();
    }

    private static byte[] quantity(JsonNode tx, String field) {
        JsonNode value = tx.get(field);
        return Rlp.encodeBigInteger(
                value == null || value.isNull() ? BigInteger.ZERO : Hex.decodeQuantity(value.asString(), 256));
    }

    private static byte[] data(JsonNode tx, String field) {
        JsonNode value = tx.get(field);
        return Rlp.encodeBytes(value == null || value.isNull() ? new byte[0] : Hex.decode(value.asString()));
    }

    private static byte[] yParity(JsonNode tx) {
        return quantity(tx, tx.has("yParity") ? "yParity" : "v");
    }

    private static byte[] accessList(JsonNode tx) {
        List<byte[]> entries = new ArrayList<>();
        for (JsonNode entry : tx.path("accessList")) {
            List<byte[]> keys = new ArrayList<>();
            for (JsonNode key : entry.path("storageKeys")) {
                keys.add(Rlp.encodeBytes(Hex.decode(key.asString())));
            }
            entries.add(Rlp.encodeList(List.of(data(entry, "address"), Rlp.encodeList(keys))));
        }
        return Rlp.encodeList(entries);
    }
}
