package dev.gavel.service.engineapi;

import dev.gavel.bidding.block.FeeInputs;
import dev.gavel.bidding.block.Fork;
import dev.gavel.bidding.json.JsonProblems;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ForkchoiceState;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.core.auction.Auctioneer;
import dev.gavel.core.chain.ChainHeads;
import dev.gavel.core.lease.AuctioneerLease;
import dev.gavel.core.round.AcceptedBid;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundResult;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Hex;
import dev.gavel.primitives.PayloadId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.web3j.crypto.Hash;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Engine API as rollup-boost calls a builder: forkchoice updates open rounds, getPayload closes
 * them and returns the winner (or an error, so the sequencer falls back to its own block), newPayload
 * and FCU heads keep track of the chain; blocks, forkchoice states and forwarded transactions go on to the
 * {@link ChainFeed} (the builder channel). Only the active auctioneer (the holder of the lease) answers them; a
 * standby refuses, so that rollup-boost builds the block itself. Everything here is in memory: safe on an event
 * loop.
 */
public final class EngineApi {
    /** What only the active auctioneer answers: the calls that open, close and follow rounds. */
    private static final Set<String> AUCTIONEERS_ONLY = Set.of(
            "engine_forkchoiceUpdatedV3",
            "engine_getPayloadV3",
            "engine_getPayloadV4",
            "engine_getPayloadV5",
            "engine_newPayloadV3",
            "engine_newPayloadV4");

    private final Auctioneer auctioneer;
    private final AuctioneerLease lease;
    private final EngineCalls calls;
    private final ChainFeed feed;
    private final Map<String, Method> methods = Map.ofEntries(
            Map.entry("engine_exchangeCapabilities", params -> capabilities()),
            Map.entry("engine_forkchoiceUpdatedV3", this::forkchoiceUpdated),
            Map.entry("engine_getPayloadV3", params -> getPayload(params, 3)),
            Map.entry("engine_getPayloadV4", params -> getPayload(params, 4)),
            Map.entry("engine_getPayloadV5", params -> getPayload(params, 5)),
            Map.entry("engine_newPayloadV3", params -> newPayload(params, 3)),
            Map.entry("engine_newPayloadV4", params -> newPayload(params, 4)),
            Map.entry("eth_getBlockByNumber", params -> latestBlock()),
            Map.entry("eth_sendRawTransaction", params -> transaction(params, "eth_sendRawTransaction")),
            Map.entry(
                    "eth_sendRawTransactionConditional",
                    params -> transaction(params, "eth_sendRawTransactionConditional")),
            Map.entry(
                    "miner_setExtra", params -> WireJson.MAPPER.getNodeFactory().booleanNode(true)),
            Map.entry(
                    "miner_setGasPrice",
                    params -> WireJson.MAPPER.getNodeFactory().booleanNode(true)),
            Map.entry(
                    "miner_setGasLimit",
                    params -> WireJson.MAPPER.getNodeFactory().booleanNode(true)),
            Map.entry(
                    "miner_setMaxDASize",
                    params -> WireJson.MAPPER.getNodeFactory().booleanNode(true)));

    public EngineApi(Auctioneer auctioneer, ChainFeed feed, AuctioneerLease lease, EngineCalls calls) {
        this.auctioneer = auctioneer;
        this.feed = feed;
        this.lease = lease;
        this.calls = calls;
    }

    /**
     * Answers one JSON-RPC request body: a request, or a batch of them (an array, answered by an array in the
     * same order, as JSON-RPC 2.0 and execution clients do), so a forwarder can send many transactions at once.
     */
    public byte[] handle(byte[] body) {
        JsonNode request;
        try {
            request = WireJson.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return WireJson.write(error(
                    null, new JsonRpcError(JsonRpcError.PARSE_ERROR, "parse error: " + JsonProblems.describe(e))));
        }
        if (!request.isArray()) {
            return response(request);
        }
        if (request.isEmpty()) {
            return WireJson.write(
                    error(null, new JsonRpcError(JsonRpcError.INVALID_REQUEST, "a batch must not be empty")));
        }
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        batch.write('[');
        for (int i = 0; i < request.size(); i++) {
            if (i > 0) {
                batch.write(',');
            }
            batch.writeBytes(response(request.get(i)));
        }
        batch.write(']');
        return batch.toByteArray();
    }

    private byte[] response(JsonNode request) {
        Object answer = answer(request);
        return answer instanceof Result(String jsonrpc, JsonNode id, Encoded encoded)
                ? encoded.response(id)
                : WireJson.write(answer);
    }

    /** Answers one request and times it, by method (those Gavel serves; "other" for the rest) and result. */
    private Object answer(JsonNode request) {
        long started = System.nanoTime();
        String name = request.path("method").isString() ? request.get("method").asString() : "";
        Object answer = dispatch(request);
        calls.record(
                methods.containsKey(name) ? name : "other",
                answer instanceof ObjectNode failed
                        ? Integer.toString(failed.path("error").path("code").asInt())
                        : "ok",
                System.nanoTime() - started);
        return answer;
    }

    private Object dispatch(JsonNode request) {
        JsonNode id = request.get("id");
        try {
            if (!request.isObject() || !request.path("method").isString()) {
                throw new JsonRpcError(
                        JsonRpcError.INVALID_REQUEST, "a JSON-RPC 2.0 request object with a method is expected");
            }
            String name = request.get("method").asString();
            Method method = methods.get(name);
            if (method == null) {
                throw new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, "method " + name + " is not served by Gavel");
            }
            if (AUCTIONEERS_ONLY.contains(name) && !lease.active()) {
                throw new JsonRpcError(
                        JsonRpcError.NOT_THE_AUCTIONEER,
                        "this Gavel instance is not the active auctioneer ("
                                + lease.role().name().toLowerCase(Locale.ROOT) + "); build the block locally");
            }
            JsonNode params = request.path("params");
            return new Result(
                    id, method.call(params.isArray() ? (ArrayNode) params : WireJson.MAPPER.createArrayNode()));
        } catch (JsonRpcError e) {
            return error(id, e);
        }
    }

    private JsonNode forkchoiceUpdated(ArrayNode params) throws JsonRpcError {
        ForkchoiceState state =
                param(params, 0, ForkchoiceState.class, "forkchoice state", JsonRpcError.INVALID_FORKCHOICE_STATE);
        ObjectNode result = WireJson.MAPPER.createObjectNode();
        auctioneer.headChosen(state.headBlockHash(), state.safeBlockHash());
        feed.forkchoiceChosen(params.get(0));
        if (params.path(1).isNull() || params.path(1).isMissingNode()) {
            result.set(
                    "payloadStatus",
                    payloadStatus("VALID", state.headBlockHash().toHex()));
            result.putNull("payloadId");
            return result;
        }
        PayloadAttributes attributes = param(
                params, 1, PayloadAttributes.class, "payload attributes", JsonRpcError.INVALID_PAYLOAD_ATTRIBUTES);
        Optional<Round> round;
        try {
            round = attributes.noTxPoolOrDefault()
                    ? Optional.empty()
                    : auctioneer.openRound(state.headBlockHash(), attributes);
        } catch (IllegalArgumentException e) {
            throw new JsonRpcError(JsonRpcError.INVALID_PAYLOAD_ATTRIBUTES, e.getMessage());
        }
        boolean knownHead = auctioneer.heads().byHash(state.headBlockHash()).isPresent();
        result.set(
                "payloadStatus",
                knownHead ? payloadStatus("VALID", state.headBlockHash().toHex()) : payloadStatus("SYNCING", null));
        result.put("payloadId", round.map(r -> r.payloadId().toHex()).orElse(null));
        return result;
    }

    /**
     * engine_exchangeCapabilities: the Engine API methods served here (the exchange itself aside, as the
     * specification asks), whatever the consensus client lists.
     */
    private JsonNode capabilities() {
        return WireJson.MAPPER.valueToTree(methods.keySet().stream()
                .filter(name -> name.startsWith("engine_") && !name.equals("engine_exchangeCapabilities"))
                .sorted()
                .toList());
    }

    /**
     * Closes the round and answers its winner in the shape of the version asked, which must be the round's
     * upgrade's (as op-reth answers: V3, V4 from Isthmus, V5 from Karst, V5 serving V4's shape): a wrong
     * version is refused with -38005 without closing the round.
     */
    private Object getPayload(ArrayNode params, int version) throws JsonRpcError {
        PayloadId payloadId = param(params, 0, PayloadId.class, "payload id", JsonRpcError.INVALID_PARAMS);
        Optional<Round> open = auctioneer.round(payloadId);
        if (open.isPresent() && open.get().fork().getPayloadVersion() != version) {
            throw new JsonRpcError(
                    JsonRpcError.UNSUPPORTED_FORK,
                    "Unsupported fork: payload " + payloadId + " is a "
                            + open.get().fork() + " block; use engine_getPayloadV"
                            + open.get().fork().getPayloadVersion());
        }
        RoundResult result = auctioneer
                .closeRound(payloadId)
                .orElseThrow(() -> new JsonRpcError(JsonRpcError.UNKNOWN_PAYLOAD, "Unknown payload " + payloadId));
        AcceptedBid winner = result.winner()
                .orElseThrow(() -> new JsonRpcError(
                        JsonRpcError.NO_WINNING_BID,
                        "no valid bid for payload " + payloadId + " (block "
                                + result.round().blockNumber() + "); build locally"));
        // encoded when it became the round's leader; else now, written straight out (no JSON tree of a payload)
        return result.encodedWinner()
                .<Object>map(Encoded::new)
                .orElseGet(() -> result.round().shaped(winner.envelope()));
    }

    /** Records a declared block; the version must be its upgrade's (V3, V4 from Isthmus), else -38005 as op-reth. */
    private JsonNode newPayload(ArrayNode params, int version) throws JsonRpcError {
        ExecutionPayload payload =
                param(params, 0, ExecutionPayload.class, "execution payload", JsonRpcError.INVALID_PARAMS);
        Fork fork = auctioneer.forkAt(payload.timestamp().value());
        if (fork.newPayloadVersion() != version) {
            throw new JsonRpcError(
                    JsonRpcError.UNSUPPORTED_FORK,
                    "Unsupported fork: block " + payload.blockNumber() + " is a " + fork
                            + " block; use engine_newPayloadV" + fork.newPayloadVersion());
        }
        auctioneer.blockDeclared(new ChainHeads.Head(
                payload.blockHash(),
                payload.blockNumber(),
                payload.parentHash(),
                payload.timestamp().value(),
                Optional.of(new FeeInputs(
                        payload.timestamp().value(),
                        payload.gasLimit(),
                        payload.gasUsed(),
                        payload.baseFeePerGas(),
                        payload.extraData()))));
        feed.blockDeclared(params.get(0));
        // Gavel is no execution client: it notes the block but cannot vouch for it, so ACCEPTED, not VALID.
        return payloadStatus("ACCEPTED", null);
    }

    private JsonNode latestBlock() {
        return auctioneer
                .heads()
                .latest()
                .<JsonNode>map(head -> {
                    ObjectNode block = WireJson.MAPPER.createObjectNode();
                    block.put("number", head.number().toHex());
                    block.put("hash", head.hash().toHex());
                    block.put("parentHash", head.parentHash().toHex());
                    block.put("timestamp", Hex.quantity(head.timestamp()));
                    block.set("transactions", WireJson.MAPPER.createArrayNode());
                    return block;
                })
                .orElse(WireJson.MAPPER.getNodeFactory().nullNode());
    }

    /** A transaction rollup-boost forwarded: its hash, as a node answers, and on to the builders. */
    private JsonNode transaction(ArrayNode params, String method) throws JsonRpcError {
        Bytes raw = param(params, 0, Bytes.class, "raw transaction", JsonRpcError.INVALID_PARAMS);
        if (raw.length() == 0) {
            throw new JsonRpcError(JsonRpcError.INVALID_PARAMS, "parameter 0 (raw transaction) is empty");
        }
        Hash32 hash = Hash32.of(Hash.sha3(raw.toArray()));
        feed.transactionReceived(hash, raw, method, params.path(1));
        return WireJson.MAPPER.getNodeFactory().stringNode(hash.toHex());
    }

    /** Parameter {@code index}, read as {@code type}; errors name it as the Engine API does ({@code name}). */
    private static <T> T param(ArrayNode params, int index, Class<T> type, String name, int errorCode)
            throws JsonRpcError {
        JsonNode node = params.get(index);
        if (node == null || node.isNull()) {
            throw new JsonRpcError(errorCode, "parameter " + index + " (" + name + ") is missing");
        }
        try {
            return WireJson.MAPPER.treeToValue(node, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new JsonRpcError(
                    errorCode, "parameter " + index + " (" + name + ") is not valid: " + JsonProblems.describe(e));
        }
    }

    private static ObjectNode payloadStatus(String status, String latestValidHash) {
        ObjectNode node = WireJson.MAPPER.createObjectNode();
        node.put("status", status);
        node.put("latestValidHash", latestValidHash);
        node.putNull("validationError");
        return node;
    }

    private static ObjectNode envelope(JsonNode id) {
        ObjectNode response = WireJson.MAPPER.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id == null ? WireJson.MAPPER.getNodeFactory().nullNode() : id);
        return response;
    }

    private static ObjectNode error(JsonNode id, JsonRpcError e) {
        ObjectNode response = envelope(id);
        ObjectNode error = response.putObject("error");
        error.put("code", e.code());
        error.put("message", e.getMessage());
        return response;
    }

    @FunctionalInterface
    private interface Method {
        /** The result: a JSON tree, or a value Jackson writes as the wire types say. */
        Object call(ArrayNode params) throws JsonRpcError;
    }

    /** A result already encoded as JSON: the response is its bytes spliced into the JSON-RPC envelope. */
    private record Encoded(byte[] json) {
        private static final byte[] HEAD = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] RESULT = ",\"result\":".getBytes(StandardCharsets.US_ASCII);

        byte[] response(JsonNode id) {
            byte[] idJson = WireJson.write(id);
            byte[] out = new byte[HEAD.length + idJson.length + RESULT.length + json.length + 1];
            int at = 0;
            for (byte[] part : new byte[][] {HEAD, idJson, RESULT, json}) {
                System.arraycopy(part, 0, out, at, part.length);
                at += part.length;
            }
            out[at] = '}';
            return out;
        }
    }

    /** A successful JSON-RPC response. */
    private record Result(String jsonrpc, JsonNode id, Object result) {
        Result(JsonNode id, Object result) {
            this("2.0", id == null ? WireJson.MAPPER.getNodeFactory().nullNode() : id, result);
        }
    }
}
