package dev.gavel.service.builders;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.bidding.seal.BidHeader;
import dev.gavel.core.auction.Auctioneer;
import dev.gavel.core.auction.BidVerdict;
import dev.gavel.core.intake.Screening;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The checks a sealed bid passes on its way in, whichever transport brought it (POST /v1/bids, the builder
 * channel), cheapest first: its sender's share of junk, the header and its signature (one signature recovery,
 * off the event loop), its builder's limits; then its body, answered once durable. HTTP reads the body between
 * the two steps; the builder channel has the whole frame and takes both at once ({@link #judgeFrame}).
 */
public final class BidGate {
    private final Auctioneer auctioneer;
    private final BidLimits limits;
    private final JunkLimits junk;
    private final int maxBodyBytes;
    private final int maxBinaryBodyBytes;
    private final Runnable bodyTooLarge;

    /** {@code bodyTooLarge}: counts a bid refused for its size, whose body reaches neither intake nor the history. */
    public BidGate(
            Auctioneer auctioneer,
            BidLimits limits,
            JunkLimits junk,
            int maxBodyBytes,
            int maxBinaryBodyBytes,
            Runnable bodyTooLarge) {
        this.auctioneer = auctioneer;
        this.limits = limits;
        this.junk = junk;
        this.maxBodyBytes = maxBodyBytes;
        this.maxBinaryBodyBytes = maxBinaryBodyBytes;
        this.bodyTooLarge = bodyTooLarge;
    }

    /**
     * Judges a bid by its first bytes ({@code prefix}: at least {@link HeaderFirst#prefixBytes}, or the whole
     * body when shorter). {@code bodyBytes} is the body's announced length (-1 unknown); {@code channelBuilder},
     * the builder whose channel brought the bid: a bid naming another is refused before its signature is
     * checked. A {@link Judged.Passed} holds a slot of its builder's limits until {@link #release}d.
     */
    Mono<Judged> judgeHeader(
            byte[] prefix,
            BidEncoding encoding,
            long bodyBytes,
            Optional<InetAddress> sender,
            Optional<Address> channelBuilder) {
        if (sender.isPresent() && !junk.mayJudge(sender.get())) {
            return refused(new Rejection(
                    RejectionCode.RATE_LIMITED,
                    "more than " + junk.perSecond() + " refused bids a second from "
                            + sender.get().getHostAddress() + " before authentication"));
        }
        Optional<HeaderFirst> first = HeaderFirst.read(prefix, encoding);
        if (first.isEmpty()) {
            sender.ifPresent(junk::junk);
            return refused(malformed(encoding));
        }
        Optional<Rejection> elsewhere = channelBuilder.flatMap(builder -> otherBuilder(first.get(), builder));
        if (elsewhere.isPresent()) {
            return refused(elsewhere.get());
        }
        return screen(first.get(), bodyBytes).map(screening -> switch (screening) {
            case Screening.Refused refusal -> {
                if (!refusal.result().fromAdmittedBuilder()) {
                    sender.ifPresent(junk::junk);
                }
                yield new Judged.Refused(refusal.result().rejection());
            }
            case Screening.Passed passed -> withinLimits(passed);
        });
    }

    /** Judges the body of a bid whose header passed; answered once durable, on a worker thread. */
    Mono<BidVerdict> judgeBody(Judged.Passed passed, byte[] body, BidEncoding encoding) {
        return Mono.just(body)
                .publishOn(Schedulers.parallel())
                .flatMap(bytes -> Mono.fromFuture(auctioneer.submitBid(passed.screened(), bytes, encoding)));
    }

    /** Gives back the slot a passed header took. */
    void release(Judged.Passed passed) {
        limits.release(passed.screened().builder());
    }

    /**
     * A whole sealed bid, as one frame of the builder {@code channelBuilder}'s channel: the same limits and checks
     * as POST /v1/bids, the same answer once durable.
     */
    public Mono<BidVerdict> judgeFrame(
            byte[] frame, BidEncoding encoding, Optional<InetAddress> sender, Address channelBuilder) {
        int limit = limit(encoding);
        if (frame.length > limit) {
            return Mono.just(new BidVerdict.Refused(tooLarge(limit)));
        }
        return judgeHeader(prefix(frame, encoding), encoding, frame.length, sender, Optional.of(channelBuilder))
                .flatMap(judged -> switch (judged) {
                    case Judged.Refused refused -> Mono.just(new BidVerdict.Refused(refused.rejection()));
                    case Judged.Passed passed ->
                        judgeBody(passed, frame, encoding).doFinally(signal -> release(passed));
                });
    }

    /**
     * keccak256 of the header a sealed bid in {@code encoding} starts with: what a builder names its bid by before
     * the auction has opened it; empty when the bid does not start with a header.
     */
    public static Optional<Hash32> headerHash(byte[] body, BidEncoding encoding) {
        return HeaderFirst.read(prefix(body, encoding), encoding)
                .map(first -> Keccak.hash(first.header().toArray()));
    }

    /** The most bytes a body in {@code encoding} may take. */
    int limit(BidEncoding encoding) {
        return encoding == BidEncoding.BINARY ? maxBinaryBodyBytes : maxBodyBytes;
    }

    /** The refusal of a body above {@code limit}, counted. */
    Rejection tooLarge(int limit) {
        bodyTooLarge.run();
        String hint = limit < maxBinaryBodyBytes ? " (binary frames may take up to " + maxBinaryBodyBytes + ")" : "";
        return new Rejection(RejectionCode.BODY_TOO_LARGE, "the body exceeds the limit of " + limit + " bytes" + hint);
    }

    static Rejection malformed(BidEncoding encoding) {
        return new Rejection(
                RejectionCode.MALFORMED_REQUEST,
                encoding == BidEncoding.BINARY
                        ? "a binary sealed bid is its 110-byte header, the header's 65-byte signature, then the"
                                + " ciphertext (docs/builder-api.md)"
                        : "a sealed bid starts with its header and headerSignature members: {\"header\": \"0x…\","
                                + " \"headerSignature\": \"0x…\", \"ciphertext\": \"0x…\"} (docs/builder-api.md)");
    }

    private Mono<Screening> screen(HeaderFirst first, long bodyBytes) {
        int announced = (int) Math.min(Integer.MAX_VALUE, Math.max(0, bodyBytes));
        // one signature recovery: CPU work, off the event loop
        return Mono.fromCallable(() -> auctioneer.screen(first.header(), first.signature(), announced))
                .subscribeOn(Schedulers.parallel());
    }

    private Judged withinLimits(Screening.Passed passed) {
        Optional<Rejection> refusal = limits.acquire(passed.builder());
        return refusal.<Judged>map(rejection -> new Judged.Refused(
                        auctioneer.turnAway(passed, rejection).rejection()))
                .orElseGet(() -> new Judged.Passed(passed));
    }

    /** A bid that names another builder than the channel's own: refused before its signature costs anything. */
    private static Optional<Rejection> otherBuilder(HeaderFirst first, Address channelBuilder) {
        Address named;
        try {
            named = BidHeader.decode(first.header()).builder();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // intake refuses the header itself, in its own terms
        }
        return named.equals(channelBuilder)
                ? Optional.empty()
                : Optional.of(new Rejection(
                        RejectionCode.NOT_CHANNEL_BUILDER,
                        "the bid names builder " + named + ", but this channel is " + channelBuilder
                                + "'s: a builder bids on its own channel (or POST /v1/bids)"));
    }

    /** The first bytes of {@code body} that hold its header and signature, if it has them. */
    private static byte[] prefix(byte[] body, BidEncoding encoding) {
        return Arrays.copyOf(body, Math.min(body.length, HeaderFirst.prefixBytes(encoding)));
    }

    private static Mono<Judged> refused(Rejection rejection) {
        return Mono.just(new Judged.Refused(rejection));
    }

    /** The header's judgement: refused, or passed with a slot of its builder's limits taken. */
    sealed interface Judged {
        record Refused(Rejection rejection) implements Judged {}

        record Passed(Screening.Passed screened) implements Judged {}
    }
}
