package dev.gavel.simulation.channel;

import dev.gavel.bidding.channel.ChannelChallenge;
import dev.gavel.bidding.channel.ChannelLogins;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.simulation.Http11;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A builder's end of the builder channel ({@code /v1/builder}), as docs/builder-api.md describes it: it connects
 * out, answers the challenge with its TEE key's {@code ChannelLogin} signature, and hands every sequenced message
 * to its {@link Handler} in order, once. It keeps the last sequence number it saw: a message that skips numbers
 * counts the skipped ones as missed, one at or below it (a replay) is dropped, and when the connection ends for
 * any reason but {@link #close()} it connects again after {@code reconnectDelay}, naming that number so the
 * service sends what it missed first (or a {@code gap} message, counted as missed too). Each attempt that ends
 * before a welcome doubles the delay, up to {@value #MAX_BACKOFF} times it, so a refused builder does not hammer
 * the service.
 */
public final class ChannelClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChannelClient.class);
    private static final int POLICY_VIOLATION = 1008;
    private static final long NONE = -1;
    private static final int MAX_BACKOFF = 32;

    /** Receives the channel's messages, in sequence order, on the client's thread: it must not block. */
    @FunctionalInterface
    public interface Handler {
        /** {@code message} (its {@code type} says which), received at {@code receivedNanos} ({@link System#nanoTime}). */
        void message(JsonNode message, long receivedNanos);
    }

    private final URI uri;
    private final ChannelLogins logins;
    private final ECKeyPair key;
    private final Address builder;
    private final Handler handler;
    private final Duration reconnectDelay;
    private final HttpClient http = Http11.client();
    private final Counts counts = new Counts();
    private volatile long lastSequence = NONE;
    private volatile boolean closed;
    private volatile WebSocket socket;
    private volatile boolean admitted;
    private volatile int backoff = 1;

    public ChannelClient(URI uri, ChannelLogins logins, ECKeyPair key, Handler handler, Duration reconnectDelay) {
        this.uri = uri;
        this.logins = logins;
        this.key = key;
        this.builder = Address.fromHex(Credentials.create(key).getAddress());
        this.handler = handler;
        this.reconnectDelay = reconnectDelay;
    }

    /** Connects now, and again whenever the connection ends, until {@link #close()}. */
    public ChannelClient start() {
        connect();
        return this;
    }

    public Address builder() {
        return builder;
    }

    /** Handshakes the service refused (closed with a policy violation before its welcome). */
    public long refused() {
        return counts.refused.sum();
    }

    /** Times an admitted connection was closed by the service (a suspension, a slow builder cut off). */
    public long disconnected() {
        return counts.disconnected.sum();
    }

    /** Sequence numbers never received: skipped in the stream, or no longer kept when it resumed. */
    public long missed() {
        return counts.missed.sum();
    }

    /** Whether the service welcomed the current connection. */
    public boolean admitted() {
        return admitted;
    }

    private void connect() {
        if (closed) {
            return;
        }
        http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Session())
                .whenComplete((opened, failure) -> {
                    if (failure != null) {
                        log.debug("channel connection for {} failed: {}", builder, failure.getMessage());
                        reconnect(false);
                    }
                });
    }

    /** Connects again after the delay: the base one after a welcomed connection, else twice the last. */
    private void reconnect(boolean welcomed) {
        if (!closed) {
            backoff = welcomed ? 1 : Math.min(MAX_BACKOFF, backoff * 2);
            CompletableFuture.delayedExecutor(reconnectDelay.toMillis() * backoff, TimeUnit.MILLISECONDS)
                    .execute(this::connect);
        }
    }

    @Override
    public void close() {
        closed = true;
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }

    /** One connection: the challenge, the login, then the stream. */
    private final class Session implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final AtomicBoolean ended = new AtomicBoolean();
        private boolean challenged;
        private boolean welcomed;

        @Override
        public void onOpen(WebSocket webSocket) {
            if (closed) {
                webSocket.abort(); // closed while this connection was being opened
                return;
            }
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long receivedNanos = System.nanoTime();
                String text = partial.toString();
                partial.setLength(0);
                try {
                    received(webSocket, WireJson.MAPPER.readTree(text), receivedNanos);
                } catch (JacksonException | IllegalArgumentException e) {
                    log.warn("channel message for {} is not valid: {}; reconnecting", builder, e.getMessage());
                    webSocket.abort();
                    end();
                    return null;
                }
            }
            webSocket.request(1);
            return null;
        }

        private void received(WebSocket webSocket, JsonNode message, long receivedNanos) {
            String type = message.path("type").asString("");
            if (!challenged) {
                challenged = true;
                logIn(webSocket, message);
                return;
            }
            switch (type) {
                case "welcome" -> {
                    welcomed = true;
                    admitted = true;
                    if (lastSequence == NONE) {
                        lastSequence = message.path("latestSequence").asLong();
                    }
                    handler.message(message, receivedNanos);
                }
                case "gap" -> {
                    long resumesAt = message.path("resumesAt").asLong();
                    counts.missed.add(Math.max(0, resumesAt - lastSequence - 1));
                    lastSequence = resumesAt - 1;
                }
                default -> sequenced(message, receivedNanos);
            }
        }

        private void sequenced(JsonNode message, long receivedNanos) {
            long sequence = message.path("sequence").asLong(NONE);
            if (sequence == NONE || sequence <= lastSequence) {
                return; // unnumbered, or a replay of what was already handled
            }
            if (lastSequence != NONE && sequence > lastSequence + 1) {
                counts.missed.add(sequence - lastSequence - 1);
            }
            lastSequence = sequence;
            handler.message(message, receivedNanos);
        }

        private void logIn(WebSocket webSocket, JsonNode challenge) {
            ChannelChallenge answered = new ChannelChallenge(
                    Hash32.fromHex(challenge.path("nonce").asString()),
                    challenge.path("issuedAt").asLong(),
                    challenge.path("auctionKeyId").asInt());
            ObjectNode login = WireJson.MAPPER.createObjectNode();
            login.put("builder", builder.toHex());
            login.put("signature", logins.sign(answered, builder, key).toHex());
            if (lastSequence != NONE) {
                login.put("resumeAfter", lastSequence);
            }
            webSocket.sendText(WireJson.writeString(login), true);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (statusCode == POLICY_VIOLATION) {
                (welcomed ? counts.disconnected : counts.refused).increment();
                log.debug("channel closed {} for {}: {}", welcomed ? "after login" : "at login", builder, reason);
            }
            end();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            log.debug("channel for {} failed: {}", builder, error.getMessage());
            end();
        }

        /** This connection is over (once, however many ways it says so): the next one, after the delay. */
        private void end() {
            if (ended.compareAndSet(false, true)) {
                admitted = false;
                reconnect(welcomed);
            }
        }
    }

    private static final class Counts {
        final LongAdder refused = new LongAdder();
        final LongAdder disconnected = new LongAdder();
        final LongAdder missed = new LongAdder();
    }
}
