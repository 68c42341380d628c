package dev.gavel.service.broadcast;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * The websockets' handshake, taking a {@link LimitedSocket}'s place before the upgrade: when none is left the
 * upgrade is refused, 503 with the reason as text, before any websocket is opened. An admitted session keeps its
 * connection, so that a peer that stops reading can be cut off ({@link Sockets}).
 */
public final class LimitedHandshakes implements WebSocketService {
    private final HandshakeWebSocketService handshake = new HandshakeWebSocketService();

    public LimitedHandshakes() {
        handshake.setSessionAttributePredicate(Sockets.CHANNEL::equals);
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        if (!(handler instanceof LimitedSocket limited)) {
            return handshake.handleRequest(exchange, handler);
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        InetAddress address = remote == null ? null : remote.getAddress();
        Optional<LimitedSocket.Admission> admitted = limited.admit(address);
        if (admitted.isEmpty()) {
            return refuse(exchange.getResponse(), limited.refusal(address));
        }
        if (ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Connection connection) {
            exchange.getAttributes().put(Sockets.CHANNEL, connection.channel());
        }
        Runnable giveBack = admitted.get().giveBack();
        return handshake
                .handleRequest(exchange, admitted.get().handler())
                .doOnError(failed -> giveBack.run())
                .doOnCancel(giveBack);
    }

    private static Mono<Void> refuse(ServerHttpResponse response, String reason) {
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
        response.getHeaders().set("Retry-After", "1");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(reason.getBytes(StandardCharsets.UTF_8))));
    }
}
