package dev.gavel.service.broadcast;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * A websocket feed that takes at most {@code maxSessions} subscribers at once, and at most {@code perAddress} from
 * one source address. {@link LimitedHandshakes} takes a subscriber's place before the upgrade and refuses the
 * upgrade when there is none; the place is given back when the session ends (or the handshake fails).
 */
public final class LimitedSocket implements WebSocketHandler {
    private static final CloseStatus TRY_AGAIN_LATER = new CloseStatus(1013);

    private final WebSocketHandler socket;
    private final String feed;
    private final int maxSessions;
    private final int perAddress;
    private final AtomicInteger sessions = new AtomicInteger();
    private final Map<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();

    public LimitedSocket(WebSocketHandler socket, String feed, int maxSessions, int perAddress) {
        this.socket = socket;
        this.feed = feed;
        this.maxSessions = maxSessions;
        this.perAddress = perAddress;
    }

    /** Without {@link LimitedHandshakes} in front: a session beyond the limits is closed at once, with the reason. */
    @Override
    public Mono<Void> handle(WebSocketSession session) {
        InetAddress address = session.getHandshakeInfo().getRemoteAddress() == null
                ? null
                : session.getHandshakeInfo().getRemoteAddress().getAddress();
        return admit(address)
                .map(admitted -> admitted.handler().handle(session))
                .orElseGet(() -> session.close(TRY_AGAIN_LATER.withReason(refusal(address))));
    }

    /** Takes a place for one subscriber from {@code address} (null: unknown, counted in the total only), or none. */
    Optional<Admission> admit(InetAddress address) {
        if (sessions.incrementAndGet() > maxSessions) {
            sessions.decrementAndGet();
            return Optional.empty();
        }
        if (address != null && byAddress.merge(address, 1, Integer::sum) > perAddress) {
            release(address);
            sessions.decrementAndGet();
            return Optional.empty();
        }
        AtomicBoolean given = new AtomicBoolean();
        Runnable giveBack = () -> {
            if (given.compareAndSet(false, true)) {
                if (address != null) {
                    release(address);
                }
                sessions.decrementAndGet();
            }
        };
        return Optional.of(
                new Admission(session -> socket.handle(session).doFinally(signal -> giveBack.run()), giveBack));
    }

    /** Why a subscriber from {@code address} is turned away, as it is told. */
    String refusal(InetAddress address) {
        if (address != null && byAddress.getOrDefault(address, 0) >= perAddress) {
            return "the " + feed + " feed takes at most " + perAddress + " subscribers from one address; retry later";
        }
        return "the " + feed + " feed has its maximum of " + maxSessions + " subscribers; retry later";
    }

    private void release(InetAddress address) {
        byAddress.computeIfPresent(address, (a, count) -> count > 1 ? count - 1 : null);
    }

    /** A subscriber's place: the session's handler gives it back when the session ends; {@code giveBack} too. */
    record Admission(WebSocketHandler handler, Runnable giveBack) {}
}
