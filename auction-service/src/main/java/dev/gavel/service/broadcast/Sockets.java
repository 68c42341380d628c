package dev.gavel.service.broadcast;

import io.netty.channel.Channel;
import java.time.Duration;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Streams text messages to a websocket until the peer leaves; a slow peer is closed with a reason, and every
 * peer is closed "going away" when the service stops (the broadcast is closed), before the server goes.
 */
public final class Sockets {
    /** How long a dropped slow peer has to take its close frame before its connection is cut. */
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(2);

    /** The session attribute holding the peer's connection ({@link LimitedHandshakes} puts it there). */
    static final String CHANNEL = Sockets.class.getName() + ".channel";

    private Sockets() {}

    /** Every item of {@code broadcast} from now on, as the text it was published as. */
    public static Mono<Void> stream(WebSocketSession session, Broadcast<?> broadcast) {
        return stream(session, broadcast.subscribe().map(Broadcast.Published::text), broadcast);
    }

    /**
     * {@code messages} until the peer leaves or {@code over} is closed. A closing frame ("going away", "too slow")
     * is sent before the stream ends: ending the stream first would drop the peer's inbound side, and Reactor
     * Netty then closes without a status.
     */
    public static Mono<Void> stream(WebSocketSession session, Flux<String> messages, Broadcast<?> over) {
        Mono<Void> goingAway = over.closed()
                .doOnTerminate(() -> session.close(CloseStatus.GOING_AWAY.withReason("Gavel is stopping"))
                        .subscribe(null, lost -> {}));
        Flux<String> untilClosed = messages.onErrorResume(
                        SlowSubscriberException.class,
                        slow -> drop(session, slow).thenMany(Flux.empty()))
                .takeUntilOther(session.receive().ignoreElements())
                .takeUntilOther(goingAway);
        return over.counted(session.send(untilClosed.map(session::textMessage)));
    }

    /**
     * Tells a slow peer why it is dropped; a peer that does not even read that (its close frame waits behind what
     * it has not read) loses its connection, so that nothing more is held for it.
     */
    public static Mono<Void> drop(WebSocketSession session, SlowSubscriberException slow) {
        return session.close(CloseStatus.POLICY_VIOLATION.withReason("too slow: " + slow.getMessage()))
                .timeout(CLOSE_PATIENCE, Mono.fromRunnable(() -> cut(session)));
    }

    private static void cut(WebSocketSession session) {
        if (session.getAttributes().get(CHANNEL) instanceof Channel channel) {
            channel.close();
        }
    }
}
