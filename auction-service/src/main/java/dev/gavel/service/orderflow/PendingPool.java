package dev.gavel.service.orderflow;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak;
import dev.gavel.service.engineapi.ChainFeed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sequencer execution client's pending pool as an orderflow source: a websocket subscription to its
 * {@code newPendingTransactions} (full transactions asked for; a node that sends hashes only is served too),
 * each transaction's signed bytes read with {@code eth_getRawTransactionByHash} on the same socket and passed on
 * as source {@value #SOURCE}, once they hash to the announced hash. A closed or failed socket is opened again
 * after a pause, for as long as the service runs.
 */
public final class PendingPool implements AutoCloseable {
    public static final String SOURCE = "pendingPool";
    private static final Logger log = LoggerFactory.getLogger(PendingPool.class);
    private static final Duration RECONNECT = Duration.ofSeconds(2);
    /** Lookups the node has not answered yet; beyond this, new ones are skipped (a node that stopped answering). */
    private static final int MAX_LOOKUPS = 10_000;

    private final URI url;
    private final HttpClient http;
    private final ChainFeed feed;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("gavel-pending-pool").daemon().factory());
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Hash32> lookups = new ConcurrentHashMap<>();
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);
    private volatile WebSocket current;
    private volatile boolean closed;

    public PendingPool(URI url, HttpClient http, ChainFeed feed) {
        this.url = url;
        this.http = http;
        this.feed = feed;
    }

    public void start() {
        connect();
    }

    private void connect() {
        if (closed) {
            return;
        }
        lookups.clear();
        http.newWebSocketBuilder().buildAsync(url, new Listener()).whenComplete((socket, failure) -> {
            if (failure != null) {
                log.warn("the pending pool at {} is unreachable ({}); retrying", url, failure.getMessage());
                later();
            } else {
                current = socket;
                send(socket, request("eth_subscribe", "newPendingTransactions", true));
            }
        });
    }

    private void later() {
        if (!closed) {
            retries.schedule(this::connect, RECONNECT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void received(WebSocket socket, JsonNode message) {
        if ("eth_subscription".equals(message.path("method").asString(""))) {
            JsonNode announced = message.path("params").path("result");
            String hash = announced.isObject() ? announced.path("hash").asString("") : announced.asString("");
            if (hash.isEmpty() || lookups.size() >= MAX_LOOKUPS) {
                return;
            }
            long id = ids.incrementAndGet();
            lookups.put(id, Hash32.fromHex(hash));
            send(socket, request(id, "eth_getRawTransactionByHash", hash));
            return;
        }
        Hash32 hash = lookups.remove(message.path("id").asLong(-1));
        String raw = message.path("result").asString("");
        if (hash != null && !raw.isEmpty()) {
            Bytes bytes = Bytes.fromHex(raw);
            if (Keccak.hash(bytes.toArray()).equals(hash)) {
                feed.transactionReceived(hash, bytes, SOURCE, null);
            }
        }
    }

    /** One send at a time, as the JDK's websocket requires. */
    private synchronized void send(WebSocket socket, String text) {
        sending = sending.handle((ignored, failure) -> null).thenCompose(ignored -> socket.sendText(text, true));
    }

    private String request(String method, Object... params) {
        return request(ids.incrementAndGet(), method, params);
    }

    private static String request(long id, String method, Object... params) {
        ObjectNode request = WireJson.MAPPER.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        request.set("params", WireJson.MAPPER.valueToTree(params));
        return WireJson.writeString(request);
    }

    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        WebSocket socket = current;
        if (socket != null) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received(socket, WireJson.MAPPER.readTree(partial.toString()));
                } catch (JacksonException | IllegalArgumentException e) {
                    log.warn("the pending pool sent what is not JSON-RPC: {}", e.getMessage());
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            log.warn("the pending pool at {} closed ({} {}); reconnecting", url, statusCode, reason);
            later();
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            log.warn("the pending pool at {} failed ({}); reconnecting", url, error.getMessage());
            later();
        }
    }
}
