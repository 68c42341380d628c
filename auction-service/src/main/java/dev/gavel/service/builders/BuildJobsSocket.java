package dev.gavel.service.builders;

import dev.gavel.bidding.round.BuildJob;
import dev.gavel.service.broadcast.Broadcast;
import dev.gavel.service.broadcast.Sockets;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/** /v1/build-jobs: every round as it opens, so builders start building at once. */
public final class BuildJobsSocket implements WebSocketHandler {
    private final Broadcast<BuildJob> jobs;

    public BuildJobsSocket(Broadcast<BuildJob> jobs) {
        this.jobs = jobs;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        return Sockets.stream(session, jobs);
    }
}
