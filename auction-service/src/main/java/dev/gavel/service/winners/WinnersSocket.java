package dev.gavel.service.winners;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.round.Outcome;
import dev.gavel.core.auction.OutcomeHistory;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.service.broadcast.Broadcast;
import dev.gavel.service.broadcast.Broadcast.Published;
import dev.gavel.service.broadcast.Sockets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * /v1/winners: every outcome once recorded. With {@code ?fromBlock=N} it first replays the recorded
 * outcomes of blocks ≥ N, then continues live with no gap (it subscribes before reading) and no
 * duplicate (live outcomes already replayed are skipped by round id). Replays read on {@code replays}, a pool
 * of their own whose few threads bound how many database connections replays can hold at once.
 */
public final class WinnersSocket implements WebSocketHandler {
    private static final int PAGE = 1_000;

    private final Broadcast<Outcome> outcomes;
    private final OutcomeHistory history;
    private final Scheduler replays;

    public WinnersSocket(Broadcast<Outcome> outcomes, OutcomeHistory history, Scheduler replays) {
        this.outcomes = outcomes;
        this.history = history;
        this.replays = replays;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        String fromBlock = UriComponentsBuilder.fromUri(
                        session.getHandshakeInfo().getUri())
                .build()
                .getQueryParams()
                .getFirst("fromBlock");
        Optional<BlockNumber> from;
        try {
            from = Optional.ofNullable(fromBlock).map(Long::parseLong).map(BlockNumber::of);
        } catch (IllegalArgumentException e) {
            return session.close(CloseStatus.BAD_DATA.withReason("fromBlock must be a block number, got " + fromBlock));
        }
        return Sockets.stream(session, outcomes(from).map(Published::text), outcomes);
    }

    /** Live outcomes, or the recorded ones of blocks ≥ {@code fromBlock} followed by the live ones. */
    Flux<Published<Outcome>> outcomes(Optional<BlockNumber> fromBlock) {
        Flux<Published<Outcome>> live = outcomes.subscribe();
        if (fromBlock.isEmpty()) {
            return live;
        }
        AtomicLong lastReplayed = new AtomicLong();
        Flux<Published<Outcome>> replay = replay(fromBlock.get(), 0)
                .doOnNext(outcome -> lastReplayed.set(outcome.roundId()))
                .map(outcome -> new Published<>(outcome, WireJson.writeString(outcome)));
        return replay.concatWith(
                Flux.defer(() -> live.filter(outcome -> outcome.item().roundId() > lastReplayed.get())));
    }

    private Flux<Outcome> replay(BlockNumber fromBlock, long afterRoundId) {
        return Mono.fromCallable(() -> history.outcomesFrom(fromBlock, afterRoundId, PAGE))
                .subscribeOn(replays)
                .flatMapMany(page -> page.size() < PAGE
                        ? Flux.fromIterable(page)
                        : Flux.fromIterable(page).concatWith(replay(fromBlock, last(page))));
    }

    private static long last(List<Outcome> page) {
        return page.get(page.size() - 1).roundId();
    }
}
