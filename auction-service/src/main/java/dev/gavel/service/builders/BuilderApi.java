package dev.gavel.service.builders;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.seal.AuctionPublicKey;
import dev.gavel.core.auction.Auctioneer;
import dev.gavel.core.auction.BidVerdict;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Thin handlers of the builders' HTTP API: decode, delegate to the auctioneer, encode. */
public final class BuilderApi {
    private final Auctioneer auctioneer;
    private final AuctionPublicKey auctionKey;
    private final int maxBodyBytes;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();

    public BuilderApi(Auctioneer auctioneer, AuctionPublicKey auctionKey, int maxBodyBytes, int maxPending) {
        this.auctioneer = auctioneer;
        this.auctionKey = auctionKey;
        this.maxBodyBytes = maxBodyBytes;
        this.maxPending = maxPending;
    }

    /** POST /v1/bids: one sealed bid; 202 with its id once durable, else 4xx/5xx with a stable code. */
    public Mono<ServerResponse> submitBid(ServerRequest request) {
        if (request.headers().contentLength().orElse(0) > maxBodyBytes) {
            return refuse(
                    RejectionCode.BODY_TOO_LARGE,
                    "body of " + request.headers().contentLength().getAsLong() + " bytes exceeds the limit of "
                            + maxBodyBytes);
        }
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            return refuse(RejectionCode.UNAVAILABLE, "intake is saturated (" + maxPending + " bids waiting); retry");
        }
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), maxBodyBytes)
                .map(buffer -> {
                    byte[] body = new byte[buffer.readableByteCount()];
                    buffer.read(body);
                    DataBufferUtils.release(buffer);
                    return body;
                })
                .defaultIfEmpty(new byte[0])
                // Opening and verifying a bid is CPU work of a few hundred µs: keep it off the event loop.
                .publishOn(Schedulers.parallel())
                .flatMap(body -> Mono.fromFuture(auctioneer.submitBid(body)))
                .flatMap(BuilderApi::answer)
                .onErrorResume(
                        DataBufferLimitException.class,
                        e -> refuse(
                                RejectionCode.BODY_TOO_LARGE, "body exceeds the limit of " + maxBodyBytes + " bytes"))
                .doFinally(signal -> pending.decrementAndGet());
    }

    /** GET /v1/auction-key: the HPKE key bids are sealed to. */
    public Mono<ServerResponse> auctionKey(ServerRequest request) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(WireJson.write(auctionKey));
    }

    private static Mono<ServerResponse> answer(BidVerdict verdict) {
        return switch (verdict) {
            case BidVerdict.Accepted accepted ->
                ServerResponse.status(HttpStatus.ACCEPTED)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(WireJson.write(accepted.receipt()));
            case BidVerdict.Refused refused -> respond(refused.rejection());
        };
    }

    private static Mono<ServerResponse> refuse(RejectionCode code, String message) {
        return respond(new Rejection(code, message));
    }

    private static Mono<ServerResponse> respond(Rejection error) {
        return ServerResponse.status(error.code().httpStatus())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(WireJson.write(error));
    }
}
