package dev.gavel.service.broadcast;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The websockets' handshake, taking a {@link LimitedSocket}'s place before the upgrade: when none is left the
 * upgrade is refused, 503 with the reason as text, before any websocket is opened. An admitted session keeps its
 * connection, so that a peer that stops reading can be cut off ({@link Sockets}). A socket that takes
 * {@link LargeMessages} is opened with room for them.
 */
public final class LimitedHandshakes implements WebSocketService {
    private final HandshakeWebSocketService handshake = handshake(new ReactorNettyRequestUpgradeStrategy());
    private final Map<Integer, HandshakeWebSocketService> largeMessages = new ConcurrentHashMap<>();

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        if (handler instanceof LargeMessages large) {
            keepConnection(exchange);
            return largeMessages
                    .computeIfAbsent(large.maxMessageBytes(), LimitedHandshakes::allowing)
                    .handleRequest(exchange, handler);
        }
        if (!(handler instanceof LimitedSocket limited)) {
            return handshake.handleRequest(exchange, handler);
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        InetAddress address = remote == null ? null : remote.getAddress();
        Optional<LimitedSocket.Admission> admitted = limited.admit(address);
        if (admitted.isEmpty()) {
            return refuse(exchange.getResponse(), limited.refusal(address));
        }
        keepConnection(exchange);
        Runnable giveBack = admitted.get().giveBack();
        return handshake
                .handleRequest(exchange, admitted.get().handler())
                .doOnError(failed -> giveBack.run())
                .doOnCancel(giveBack);
    }

    /** Keeps the peer's connection in the session, so that a peer that stops reading can be cut off. */
    private static void keepConnection(ServerWebExchange exchange) {
        if (ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Connection connection) {
            exchange.getAttributes().put(Sockets.CHANNEL, connection.channel());
        }
    }

    /** A handshake whose sockets take messages of up to {@code maxMessageBytes}. */
    private static HandshakeWebSocketService allowing(int maxMessageBytes) {
        return handshake(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxMessageBytes)));
    }

    private static HandshakeWebSocketService handshake(ReactorNettyRequestUpgradeStrategy upgrade) {
        HandshakeWebSocketService handshake = new HandshakeWebSocketService(upgrade);
        handshake.setSessionAttributePredicate(Sockets.CHANNEL::equals);
        return handshake;
    }

    private static Mono<Void> refuse(ServerHttpResponse response, String reason) {
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
        response.getHeaders().set("Retry-After", "1");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(reason.getBytes(StandardCharsets.UTF_8))));
    }
}
