package dev.gavel.service.engineapi;

import dev.gavel.bidding.engine.EngineJwt;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * The Engine API's own HTTP server (port 8551 by default), apart from the public API: every request must
 * carry a valid JWT, checked before its body is read, and a body is read only when its Content-Length is within
 * {@code gavel.engine.max-request-size} (413 otherwise, and for chunked bodies). Each token refused is reported
 * ({@code jwtRejected}): a rollup-boost with the wrong secret or clock gets no auctioned block, and says so only in
 * its own logs.
 */
public final class EngineApiServer implements AutoCloseable {
    private final EngineApi api;
    private final EngineJwt jwt;
    private final long maxRequestBytes;
    private final Runnable jwtRejected;
    private DisposableServer server;
    private LoopResources loops;

    public EngineApiServer(EngineApi api, EngineJwt jwt, long maxRequestBytes, Runnable jwtRejected) {
        this.api = api;
        this.jwt = jwt;
        this.maxRequestBytes = maxRequestBytes;
        this.jwtRejected = jwtRejected;
    }

    /** Binds on an event loop of its own: getPayload never waits behind the builders' bid uploads on the shared loops. */
    public synchronized void start(String host, int port) {
        loops = LoopResources.create("gavel-engine", 1, true);
        server = HttpServer.create()
                .runOn(loops)
                .host(host)
                .port(port)
                .handle(this::serve)
                .bindNow(Duration.ofSeconds(10));
    }

    public synchronized boolean isRunning() {
        return server != null && !server.isDisposed();
    }

    /** The bound port (useful when started on port 0). */
    public synchronized int port() {
        return server.port();
    }

    private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        Optional<String> rejection = jwt.rejection(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
        if (rejection.isPresent()) {
            jwtRejected.run();
            return plain(response, HttpResponseStatus.UNAUTHORIZED, "JWT rejected: " + rejection.get());
        }
        Optional<String> tooLarge = bodyRefusal(request.requestHeaders());
        if (tooLarge.isPresent()) {
            // the body is never read, so the connection cannot carry another request: it closes after the answer
            return plain(response.keepAlive(false), HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, tooLarge.get());
        }
        return request.receive()
                .aggregate()
                .asByteArray()
                .defaultIfEmpty(new byte[0])
                .map(api::handle)
                .flatMap(body -> response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .sendByteArray(Mono.just(body))
                        .then());
    }

    /**
     * Why a body must not be read: it is chunked (its size is known only once read), or its Content-Length is
     * above the limit or no number at all. HTTP/1.1 bodies are delimited by exactly one of the two, so a body
     * that passes is at most the limit.
     */
    private Optional<String> bodyRefusal(HttpHeaders headers) {
        if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return Optional.of("a " + headers.get(HttpHeaderNames.TRANSFER_ENCODING)
                    + " body is not accepted: send it with a Content-Length of at most " + maxRequestBytes + " bytes");
        }
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (length == null) {
            return Optional.empty();
        }
        long declared;
        try {
            declared = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            declared = Long.MAX_VALUE; // more digits than a long holds
        }
        return declared <= maxRequestBytes
                ? Optional.empty()
                : Optional.of("a request of " + length.strip() + " bytes exceeds the limit of " + maxRequestBytes);
    }

    private static Publisher<Void> plain(HttpServerResponse response, HttpResponseStatus status, String message) {
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                .sendString(Mono.just(message), StandardCharsets.UTF_8)
                .then();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(5));
        }
        if (loops != null) {
            loops.disposeLater().block(Duration.ofSeconds(5));
        }
    }
}
