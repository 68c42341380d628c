package dev.gavel.simulation;

import dev.gavel.bidding.engine.EngineJwt;
import dev.gavel.bidding.json.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/** Calls the Engine API as rollup-boost does: JSON-RPC over HTTP with a fresh JWT per request. */
public final class EngineClient {
    private final URI uri;
    private final EngineJwt jwt;
    private final HttpClient http = Http11.client();
    private final AtomicLong ids = new AtomicLong();

    public EngineClient(URI uri, EngineJwt jwt) {
        this.uri = uri;
        this.jwt = jwt;
    }

    /** The JSON-RPC response object (with either result or error). */
    public JsonNode call(String method, Object... params) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, params);
        if (response.statusCode() != 200) {
            throw new IOException("Engine API answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return WireJson.MAPPER.readTree(response.body());
    }

    /** The raw answer, unparsed: for timing the service rather than this client's JSON parsing. */
    public HttpResponse<String> send(String method, Object... params) throws IOException, InterruptedException {
        return post(jwt.mint(), method, params);
    }

    public HttpResponse<String> post(String token, String method, Object... params)
            throws IOException, InterruptedException {
        Map<String, Object> request = Map.of(
                "jsonrpc",
                "2.0",
                "id",
                ids.incrementAndGet(),
                "method",
                method,
                "params",
                Arrays.asList(params)); // null params (FCU without attributes) are JSON null
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(WireJson.writeString(request)));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
