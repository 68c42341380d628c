package dev.gavel.service.broadcast;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Streams text messages to a websocket until the peer leaves; a slow peer is closed with a reason. */
public final class Sockets {
    private Sockets() {}

    public static Mono<Void> stream(WebSocketSession session, Flux<String> messages) {
        Flux<String> untilClosed = messages.takeUntilOther(session.receive().ignoreElements());
        return session.send(untilClosed.map(session::textMessage))
                .onErrorResume(
                        SlowSubscriberException.class,
                        e -> session.close(CloseStatus.POLICY_VIOLATION.withReason("too slow: " + e.getMessage())));
    }
}
