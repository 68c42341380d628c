package dev.gavel.devtools.bench.orderflow;

import dev.gavel.bidding.bid.Secp256k1;
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
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One builder on /v1/builder, as docs/builder-api.md tells one to behave: it answers the challenge with its
 * signed login, reads the stream, and when the service closes it (a slow builder is cut off) reconnects naming
 * the last sequence number it saw. A slow one asks for its next message only {@code readDelay} after the last,
 * so the service's buffer for it fills. What it reads goes to its {@link Deliveries}.
 */
final class ChannelListener implements WebSocket.Listener {
    private final URI uri;
    private final ChannelLogins logins;
    private final ECKeyPair key;
    private final Address address;
    private final Duration readDelay;
    private final ScheduledExecutorService pacing;
    private final Deliveries deliveries;
    private final HttpClient http = Http11.client();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean stopping;
    private volatile WebSocket socket;
    private boolean loggedIn;

    ChannelListener(
            URI uri,
            ChannelLogins logins,
            ECKeyPair key,
            Duration readDelay,
            ScheduledExecutorService pacing,
            Deliveries deliveries) {
        this.uri = uri;
        this.logins = logins;
        this.key = key;
        this.address = Secp256k1.address(key);
        this.readDelay = readDelay;
        this.pacing = pacing;
        this.deliveries = deliveries;
    }

    /** Connects (again, after a close) and waits for the socket; the login follows the challenge. */
    void connect() {
        loggedIn = false;
        partial.setLength(0);
        socket = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, this)
                .join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (!last) {
            webSocket.request(1);
            return null;
        }
        String text = partial.toString();
        partial.setLength(0);
        long receivedAt = System.nanoTime();
        if (loggedIn) {
            deliveries.received(text, receivedAt, Instant.now());
            readNext(webSocket);
            return null;
        }
        JsonNode message = WireJson.MAPPER.readTree(text);
        switch (message.path("type").asString()) {
            case "challenge" -> webSocket.sendText(login(message), true);
            case "welcome" -> {
                loggedIn = true;
                deliveries.welcomed(message.path("latestSequence").asLong());
            }
            default -> throw new IllegalStateException("the channel sent " + text + " before welcoming");
        }
        webSocket.request(1);
        return null;
    }

    private void readNext(WebSocket webSocket) {
        if (readDelay.isZero()) {
            webSocket.request(1);
        } else {
            pacing.schedule(() -> webSocket.request(1), readDelay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private String login(JsonNode challenge) {
        ChannelChallenge answered = new ChannelChallenge(
                Hash32.fromHex(challenge.path("nonce").asString()),
                challenge.path("issuedAt").asLong(),
                challenge.path("auctionKeyId").asInt());
        ObjectNode login = WireJson.MAPPER.createObjectNode();
        login.put("builder", address.toHex());
        login.put("signature", logins.sign(answered, address, key).toHex());
        deliveries.lastSequence().ifPresent(seen -> login.put("resumeAfter", seen));
        return WireJson.writeString(login);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        deliveries.closed(reason);
        reconnect();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        deliveries.closed(String.valueOf(error));
        reconnect();
    }

    /** Reconnects off the socket's own thread, as a builder would, unless the bench is over. */
    private void reconnect() {
        if (!stopping) {
            pacing.execute(this::connect);
        }
    }

    Address address() {
        return address;
    }

    void stop() {
        stopping = true;
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
    }
}
