package dev.gavel.service.builders;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.seal.AuctionKeyDocument;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.core.auction.BidVerdict;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

/**
 * The builders' HTTP API. A bid comes as JSON or, with {@code Content-Type: application/octet-stream}, as a
 * binary frame (docs/builder-api.md), each with its own size limit. Its body is read in two steps: its first
 * bytes, which must hold the header and the builder's signature over it, are judged before anything else is
 * read (a sender that is not an admitted
 * builder, or one over its limits, is refused there: it never gets a pending slot, nor a body read, nor a
 * history row); only then is the rest read, within a deadline, and judged.
 */
public final class BuilderApi {
    private final BidGate gate;
    private final Supplier<AuctionKeyDocument> auctionKey;
    private final Duration headerTimeout;
    private final Duration bodyTimeout;

    public BuilderApi(
            BidGate gate, Supplier<AuctionKeyDocument> auctionKey, Duration headerTimeout, Duration bodyTimeout) {
        this.gate = gate;
        this.auctionKey = auctionKey;
        this.headerTimeout = headerTimeout;
        this.bodyTimeout = bodyTimeout;
    }

    /** POST /v1/bids: one sealed bid; 202 with its id once durable, else 4xx/5xx with a stable code. */
    public Mono<ServerResponse> submitBid(ServerRequest request) {
        BidEncoding encoding = request.headers()
                        .contentType()
                        .filter(MediaType.APPLICATION_OCTET_STREAM::isCompatibleWith)
                        .isPresent()
                ? BidEncoding.BINARY
                : BidEncoding.JSON;
        int limit = gate.limit(encoding);
        long announced = request.headers().contentLength().orElse(-1);
        if (announced > limit) {
            return respond(gate.tooLarge(limit));
        }
        Optional<InetAddress> sender = request.remoteAddress().map(InetSocketAddress::getAddress);
        Flux<byte[]> chunks = request.body(BodyExtractors.toDataBuffers()).map(BuilderApi::copy);
        return chunks.bufferUntil(new PrefixReached(HeaderFirst.prefixBytes(encoding)))
                .timeout(Mono.delay(headerTimeout), chunk -> Mono.never())
                .switchOnFirst((first, all) -> first.hasValue()
                        ? judgeHeader(first.get(), encoding, limit, announced, sender, all)
                        : all.thenMany(Mono.defer(() -> respond(BidGate.malformed(encoding)))))
                .next()
                .onErrorResume(
                        TimeoutException.class, e -> tooSlow("the header did not arrive within " + headerTimeout))
                .switchIfEmpty(Mono.defer(() -> respond(BidGate.malformed(encoding))))
                // the sender hung up mid-body: no one to answer, nothing to log for each time a client does it
                .onErrorResume(AbortedException.class, e -> Mono.empty());
    }

    /** Judges the header, then reads the rest for a bid that passed. */
    private Flux<ServerResponse> judgeHeader(
            List<byte[]> prefixChunks,
            BidEncoding encoding,
            int limit,
            long announced,
            Optional<InetAddress> sender,
            Flux<List<byte[]>> all) {
        return gate.judgeHeader(join(prefixChunks), encoding, announced, sender, Optional.empty())
                .flatMapMany(judged -> switch (judged) {
                    case BidGate.Judged.Refused refused -> drainThen(all, respond(refused.rejection()));
                    case BidGate.Judged.Passed passed -> readAndJudge(passed, all, encoding, limit);
                });
    }

    private Flux<ServerResponse> readAndJudge(
            BidGate.Judged.Passed passed, Flux<List<byte[]>> all, BidEncoding encoding, int limit) {
        return all.flatMapIterable(chunks -> chunks)
                .reduce(new ByteArrayOutputStream(), (body, chunk) -> append(body, chunk, limit))
                .timeout(bodyTimeout)
                .map(ByteArrayOutputStream::toByteArray)
                .flatMap(body -> gate.judgeBody(passed, body, encoding))
                .flatMap(BuilderApi::answer)
                .onErrorResume(TooLarge.class, e -> respond(gate.tooLarge(limit)))
                .onErrorResume(TimeoutException.class, e -> tooSlow("the body did not arrive within " + bodyTimeout))
                .doFinally(signal -> gate.release(passed))
                .flux();
    }

    /**
     * Reads and drops what the sender is still sending, for at most the header's deadline, before the
     * refusal is written: closing on unread bytes resets the connection and the sender would lose the answer.
     */
    private Mono<ServerResponse> drainThen(Flux<?> rest, Mono<ServerResponse> refusal) {
        return rest.then()
                .timeout(headerTimeout)
                .onErrorResume(e -> Mono.empty())
                .then(refusal);
    }

    private static ByteArrayOutputStream append(ByteArrayOutputStream body, byte[] chunk, int limit) {
        if (body.size() + chunk.length > limit) {
            throw new TooLarge();
        }
        body.writeBytes(chunk);
        return body;
    }

    /** GET /v1/auction-key: the HPKE key bids are sealed to, the EIP-712 domain, the hub's key id. */
    public Mono<ServerResponse> auctionKey(ServerRequest request) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(WireJson.write(auctionKey.get()));
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

    private static Mono<ServerResponse> tooSlow(String message) {
        return respond(new Rejection(RejectionCode.TOO_SLOW, message));
    }

    private static Mono<ServerResponse> respond(Rejection rejection) {
        ServerResponse.BodyBuilder response =
                ServerResponse.status(rejection.code().httpStatus()).contentType(MediaType.APPLICATION_JSON);
        if (rejection.code().httpStatus() == 429 || rejection.code().httpStatus() == 503) {
            response = response.header("Retry-After", "1");
        }
        return response.bodyValue(WireJson.write(rejection));
    }

    private static byte[] copy(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static byte[] join(List<byte[]> chunks) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        chunks.forEach(joined::writeBytes);
        return joined.toByteArray();
    }

    /** True from the chunk that brings the body past {@code bytes} on: the first buffer is the prefix. */
    private static final class PrefixReached implements Predicate<byte[]> {
        private final int bytes;
        private long seen;

        PrefixReached(int bytes) {
            this.bytes = bytes;
        }

        @Override
        public boolean test(byte[] chunk) {
            seen += chunk.length;
            return seen >= bytes;
        }
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }
}
