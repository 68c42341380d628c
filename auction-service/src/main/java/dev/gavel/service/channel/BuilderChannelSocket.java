package dev.gavel.service.channel;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.channel.ChannelChallenge;
import dev.gavel.bidding.channel.ChannelLogin;
import dev.gavel.bidding.channel.ChannelLogins;
import dev.gavel.bidding.json.JsonProblems;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.service.broadcast.LargeMessages;
import dev.gavel.service.broadcast.SlowSubscriberException;
import dev.gavel.service.broadcast.Sockets;
import io.netty.util.internal.ThreadExecutorMap;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/**
 * /v1/builder: the channel an admitted builder keeps open. The service speaks first with a challenge for this
 * connection; the builder answers with a {@link ChannelLogin} signed by its TEE key within the login timeout;
 * the service admits it only if the builder directory (the BuilderHub mirror, attestation or the allowlist)
 * admits it now, then streams the {@link ChannelFeed}. The directory is asked again every recheck interval,
 * so a builder suspended, banned or no longer attested is disconnected once the mirror has seen it.
 * Refusals close the socket with a policy-violation status and the reason; every socket, logged in or not, is
 * closed "going away" when the service stops ({@link ChannelFeed#close}), so that stopping never waits for one. Every frame after the login is a
 * sealed bid, judged as POST /v1/bids judges one and answered on the channel ({@link ChannelBids}).
 */
public final class BuilderChannelSocket implements LargeMessages {
    /** RFC 6455 allows 123 bytes of close reason. */
    private static final int MAX_REASON_BYTES = 123;

    private final ChannelFeed feed;
    private final ChannelBids bids;
    private final ChannelLogins logins;
    private final Function<Address, Optional<Rejection>> admission;
    private final IntSupplier auctionKeyId;
    private final Clock clock;
    private final Timing timing;
    private final SecureRandom random = new SecureRandom();
    private final ResumeEntitlements entitlements = new ResumeEntitlements();

    public BuilderChannelSocket(
            ChannelFeed feed,
            ChannelBids bids,
            ChannelLogins logins,
            Function<Address, Optional<Rejection>> admission,
            IntSupplier auctionKeyId,
            Clock clock,
            Timing timing) {
        this.feed = feed;
        this.bids = bids;
        this.logins = logins;
        this.admission = admission;
        this.auctionKeyId = auctionKeyId;
        this.clock = clock;
        this.timing = timing;
    }

    /*
     * Every refusal closes the socket from inside the outbound stream, with the inbound still subscribed:
     * an error that cancelled the inbound first would make Reactor Netty close without a status or reason.
     */
    @Override
    public Mono<Void> handle(WebSocketSession session) {
        ChannelChallenge challenge = challenge();
        AtomicBoolean answered = new AtomicBoolean();
        Flux<String> afterLogin = session.receive()
                .map(BuilderChannelSocket::frame)
                .doOnNext(first -> answered.set(true))
                .switchOnFirst((first, inbound) -> first.hasValue()
                        ? admitted(session, first.get(), challenge, inbound.skip(1))
                        : inbound.thenMany(Flux.<String>empty())); // the peer left before logging in
        Flux<String> loginDeadline = Mono.delay(timing.loginTimeout())
                .filter(elapsed -> !answered.get())
                .flatMapMany(elapsed -> closing(
                        session, "no login within " + timing.loginTimeout().toMillis() + " ms"));
        Mono<Void> goingAway = feed.closed()
                .doOnTerminate(() -> session.close(CloseStatus.GOING_AWAY.withReason("Gavel is stopping"))
                        .subscribe(null, lost -> {}));
        return feed.counted(
                session.send(Flux.concat(Mono.just(challengeMessage(challenge)), afterLogin.mergeWith(loginDeadline))
                        .takeUntilOther(goingAway)
                        .map(session::textMessage)));
    }

    /** The message's bytes, copied: Reactor Netty releases its buffer once this returns. */
    private static ChannelBids.Frame frame(WebSocketMessage message) {
        DataBuffer payload = message.getPayload();
        byte[] bytes = new byte[payload.readableByteCount()];
        payload.read(bytes);
        return new ChannelBids.Frame(
                message.getType() == WebSocketMessage.Type.BINARY ? BidEncoding.BINARY : BidEncoding.JSON, bytes);
    }

    private ChannelChallenge challenge() {
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        return new ChannelChallenge(Hash32.of(nonce), clock.instant().getEpochSecond(), auctionKeyId.getAsInt());
    }

    /**
     * For the builder that signed the login {@code first}, until it is no longer admitted: the feed, and the
     * answers to the bids it sends ({@code bids}, the frames after the login); or a refusal saying why not.
     */
    private Flux<String> admitted(
            WebSocketSession session,
            ChannelBids.Frame first,
            ChannelChallenge challenge,
            Flux<ChannelBids.Frame> bids) {
        if (first.encoding() == BidEncoding.BINARY) {
            return closing(session, "the first message must be a login: a text message, not a binary one");
        }
        ChannelLogin login;
        try {
            login = WireJson.read(first.bytes(), ChannelLogin.class);
        } catch (JacksonException | IllegalArgumentException e) {
            return closing(session, "the first message must be a login: " + JsonProblems.describe(e));
        }
        if (!logins.signedBy(challenge, login.builder(), login.signature())) {
            return closing(
                    session, "the login is not " + login.builder() + "'s signature of this connection's challenge");
        }
        Optional<Rejection> refused = admission.apply(login.builder());
        if (refused.isPresent()) {
            return closing(session, refused.get().message());
        }
        Flux<String> stillAdmitted = Flux.interval(timing.recheckInterval())
                .publishOn(connectionThread())
                .concatMap(tick -> admission
                        .apply(login.builder())
                        .<Mono<String>>map(r -> Mono.error(new ChannelRefusal(r.message())))
                        .orElseGet(Mono::empty));
        Sinks.Empty<Void> left = Sinks.empty();
        Flux<String> answers =
                this.bids.answer(bids, login.builder(), sender(session)).doFinally(signal -> left.tryEmitEmpty());
        OptionalLong resume = entitlements.resume(login.builder(), login.resume(), feed.latestSequence());
        Flux<String> pushed = Flux.concat(Mono.just(welcome(login.builder())), feed.subscribe(resume))
                .mergeWith(stillAdmitted)
                .onErrorResume(ChannelRefusal.class, e -> {
                    entitlements.refused(login.builder());
                    return closing(session, e.getMessage());
                })
                .onErrorResume(
                        SlowSubscriberException.class,
                        slow -> Sockets.drop(session, slow).thenMany(Flux.empty()))
                .takeUntilOther(left.asMono());
        return Flux.merge(pushed, answers);
    }

    private static Optional<InetAddress> sender(WebSocketSession session) {
        return Optional.ofNullable(session.getHandshakeInfo().getRemoteAddress())
                .map(InetSocketAddress::getAddress);
    }

    /**
     * The connection's own event loop, when called on it (as the login is read): a close sent from another
     * thread while the outbound is streaming races Reactor Netty's own and reaches the builder without its
     * status.
     */
    private static Scheduler connectionThread() {
        Executor loop = ThreadExecutorMap.currentExecutor();
        return loop == null ? Schedulers.immediate() : Schedulers.fromExecutor(loop);
    }

    private String challengeMessage(ChannelChallenge challenge) {
        ObjectNode message = WireJson.MAPPER.createObjectNode();
        message.put("type", "challenge");
        message.put("nonce", challenge.nonce().toHex());
        message.put("issuedAt", challenge.issuedAt());
        message.put("auctionKeyId", challenge.auctionKeyId());
        return WireJson.writeString(message);
    }

    private String welcome(Address builder) {
        ObjectNode message = WireJson.MAPPER.createObjectNode();
        message.put("type", "welcome");
        message.put("builder", builder.toHex());
        message.put("latestSequence", feed.latestSequence());
        return WireJson.writeString(message);
    }

    /** Closes the socket with {@code reason}, then ends the outbound stream. */
    private static Flux<String> closing(WebSocketSession session, String reason) {
        return session.close(CloseStatus.POLICY_VIOLATION.withReason(fit(reason)))
                .thenMany(Flux.empty());
    }

    private static String fit(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        String cut = new String(bytes, 0, MAX_REASON_BYTES - 3, StandardCharsets.UTF_8);
        return cut.substring(0, cut.length() - 1) + "…";
    }

    /** The largest sealed bid a builder may send as one message. */
    @Override
    public int maxMessageBytes() {
        return bids.maxFrameBytes();
    }

    /** How long a builder has to log in, and how often its admission is asked again. */
    public record Timing(Duration loginTimeout, Duration recheckInterval) {}

    /** Why a builder is not (or no longer) let in: said to it as the close reason. */
    private static final class ChannelRefusal extends RuntimeException {
        ChannelRefusal(String reason) {
            super(reason, null, false, false);
        }
    }
}
