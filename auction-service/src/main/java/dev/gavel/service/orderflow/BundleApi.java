package dev.gavel.service.orderflow;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.primitives.Address;
import dev.gavel.service.builders.TokenBucket;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /v1/bundles: JSON-RPC {@code eth_sendBundle}, as searchers send it to Flashbots, signed in
 * {@code X-Flashbots-Signature} and limited per signer; an accepted bundle goes to the admitted builders on their
 * channel, and only to them. Checked in order, cheapest first: the body's size, the signature (one recovery,
 * off the event loop), the signer's rate, then the request and the bundle.
 */
public final class BundleApi {
    /** Beyond this many signers tracked, those whose buckets are full again are forgotten. */
    private static final int TRACKED = 10_000;

    private final BundleFlow flow;
    private final Clock clock;
    private final double perSecond;
    private final int burst;
    private final int maxBodyBytes;
    private final Map<Address, TokenBucket> senders = new ConcurrentHashMap<>();

    public BundleApi(BundleFlow flow, Clock clock, double perSecond, int maxBodyBytes) {
        this.flow = flow;
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = (int) Math.max(1, 2 * perSecond);
        this.maxBodyBytes = maxBodyBytes;
    }

    public Mono<ServerResponse> sendBundle(ServerRequest request) {
        if (request.headers().contentLength().orElse(0) > maxBodyBytes) {
            return error(HttpStatus.CONTENT_TOO_LARGE, null, -32600, "the body exceeds " + maxBodyBytes + " bytes");
        }
        String signature = request.headers().firstHeader(FlashbotsSignature.HEADER);
        return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), maxBodyBytes)
                .map(BundleApi::bytes)
                .defaultIfEmpty(new byte[0])
                .publishOn(Schedulers.parallel())
                .flatMap(body -> judge(signature, body))
                .onErrorResume(
                        org.springframework.core.io.buffer.DataBufferLimitException.class,
                        e -> error(
                                HttpStatus.CONTENT_TOO_LARGE,
                                null,
                                -32600,
                                "the body exceeds " + maxBodyBytes + " bytes"));
    }

    private Mono<ServerResponse> judge(String signature, byte[] body) {
        return switch (FlashbotsSignature.verify(signature, body)) {
            case FlashbotsSignature.Signed.Refused refused ->
                error(HttpStatus.UNAUTHORIZED, null, -32001, refused.reason());
            case FlashbotsSignature.Signed.By by ->
                withinRate(by.sender())
                        ? accept(by.sender(), body)
                        : error(
                                HttpStatus.TOO_MANY_REQUESTS,
                                null,
                                -32005,
                                "more than " + perSecond + " bundles a second from " + by.sender());
        };
    }

    private Mono<ServerResponse> accept(Address sender, byte[] body) {
        JsonNode request;
        try {
            request = WireJson.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return error(HttpStatus.BAD_REQUEST, null, -32700, "the body is not JSON");
        }
        JsonNode id = request.path("id");
        if (!"eth_sendBundle".equals(request.path("method").asString(""))) {
            return error(HttpStatus.BAD_REQUEST, id, -32601, "only eth_sendBundle is served here");
        }
        Bundle bundle;
        try {
            bundle = Bundle.of(request.path("params").path(0));
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, id, -32602, e.getMessage());
        }
        flow.bundleReceived(bundle, sender);
        ObjectNode answer = envelope(id);
        answer.putObject("result").put("bundleHash", bundle.hash().toHex());
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(WireJson.writeString(answer));
    }

    private boolean withinRate(Address sender) {
        long now = clock.millis();
        if (senders.size() > TRACKED) {
            senders.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    return entry.getValue().full(now);
                }
            });
        }
        TokenBucket bucket = senders.computeIfAbsent(sender, s -> new TokenBucket(perSecond, burst, now));
        synchronized (bucket) {
            return bucket.take(now);
        }
    }

    private static Mono<ServerResponse> error(HttpStatus status, JsonNode id, int code, String message) {
        ObjectNode answer = envelope(id);
        answer.putObject("error").put("code", code).put("message", message);
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(WireJson.writeString(answer));
    }

    private static ObjectNode envelope(JsonNode id) {
        ObjectNode answer = WireJson.MAPPER.createObjectNode();
        answer.put("jsonrpc", "2.0");
        answer.set("id", id == null || id.isMissingNode() ? WireJson.MAPPER.nullNode() : id);
        return answer;
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
