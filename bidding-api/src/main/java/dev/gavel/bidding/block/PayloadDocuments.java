package dev.gavel.bidding.block;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads an execution payload, with what its hash also needs, from the JSON documents it travels in: an
 * {@code engine_newPayloadV3/V4} request, a {@code getPayloadV3/V4} envelope, an {@code eth_getBlockByNumber}
 * block with full transactions (each possibly wrapped in a JSON-RPC response), or reth's debug dump.
 */
public final class PayloadDocuments {
    private PayloadDocuments() {}

    /** A payload, the sidecar fields its header commits to, and where it came from. */
    public record PayloadDocument(
            String format,
            ExecutionPayload payload,
            Hash32 parentBeaconBlockRoot,
            List<Bytes> executionRequests,
            ChainFamily family,
            Hash32 declaredHash) {

        public Hash32 computedHash() {
            return BlockHashes.compute(payload, parentBeaconBlockRoot, executionRequests, family);
        }
    }

    public static PayloadDocument read(JsonNode document) {
        JsonNode root = document.has("result") ? document.get("result") : document;
        if (root.has("newPayload")) {
            JsonNode dump = root.get("newPayload");
            JsonNode requests = dump.at("/sidecar/prague/fields/requests");
            return of(
                    "reth newPayload dump",
                    dump.get("payload"),
                    dump.at("/sidecar/cancun/fields/parent_beacon_block_root"),
                    requests.isMissingNode() ? null : requests);
        }
        if (root.path("method").asString("").startsWith("engine_newPayload")) {
            JsonNode params = root.get("params");
            return of(root.get("method").asString() + " request", params.get(0), params.get(2), params.get(3));
        }
        if (root.has("executionPayload")) {
            return of(
                    root.has("executionRequests") ? "getPayloadV4 envelope" : "getPayloadV3 envelope",
                    root.get("executionPayload"),
                    root.get("parentBeaconBlockRoot"),
                    root.get("executionRequests"));
        }
        if (root.has("transactionsRoot")) {
            ChainFamily family = hasDeposit(root) ? ChainFamily.OP_STACK : ChainFamily.ETHEREUM;
            if (family == ChainFamily.ETHEREUM && root.has("requestsHash")) {
                throw new IllegalArgumentException(
                        "an L1 Prague block's execution requests are not in eth_getBlockByNumber");
            }
            ExecutionPayload payload = RpcBlocks.payload(root, family);
            return new PayloadDocument(
                    "eth_getBlockByNumber block",
                    payload,
                    hash(root.get("parentBeaconBlockRoot")),
                    null,
                    family,
                    payload.blockHash());
        }
        throw new IllegalArgumentException(
                "not a newPayload request, getPayload envelope, eth_getBlockByNumber block or reth dump");
    }

    private static PayloadDocument of(
            String format, JsonNode payloadJson, JsonNode parentBeaconBlockRoot, JsonNode requests) {
        if (payloadJson == null || payloadJson.isMissingNode()) {
            throw new IllegalArgumentException(format + " without an execution payload");
        }
        ExecutionPayload payload = WireJson.MAPPER.treeToValue(payloadJson, ExecutionPayload.class);
        ChainFamily family = payload.withdrawalsRoot() != null
                        || payload.transactions().stream()
                                .anyMatch(tx -> tx.length() > 0
                                        && TransactionEnvelopes.type(tx.toArray()) == TransactionEnvelopes.DEPOSIT)
                ? ChainFamily.OP_STACK
                : ChainFamily.ETHEREUM;
        return new PayloadDocument(
                format, payload, hash(parentBeaconBlockRoot), bytesList(requests), family, payload.blockHash());
    }

    private static boolean hasDeposit(JsonNode block) {
        for (JsonNode tx : block.path("transactions")) {
            if ("0x7e".equals(tx.path("type").asString(""))) {
                return true;
            }
        }
        return false;
    }

    private static Hash32 hash(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new IllegalArgumentException("no parentBeaconBlockRoot: pre-Cancun payloads are not supported");
        }
        return Hash32.fromHex(node.asString());
    }

    private static List<Bytes> bytesList(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        List<Bytes> out = new ArrayList<>();
        node.forEach(item -> out.add(Bytes.fromHex(item.asString())));
        return out;
    }
}
