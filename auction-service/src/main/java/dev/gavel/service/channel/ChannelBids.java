package dev.gavel.service.channel;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.core.auction.BidVerdict;
import dev.gavel.primitives.Address;
import dev.gavel.service.builders.BidGate;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sealed bids a logged-in builder sends on its channel: each frame after the login is one sealed bid (a binary
 * frame carries the bytes of an {@code application/octet-stream} body, a text frame the JSON one), judged by the
 * same {@link BidGate} as POST /v1/bids, and answered on the channel with a {@code bidResult} naming the frame
 * (its ordinal, and the keccak256 of its header) and the result POST /v1/bids would have given, once durable.
 * At most {@code inFlight} of one channel's bids are judged at once; the next frames wait, unread.
 */
public final class ChannelBids {
    private static final Logger log = LoggerFactory.getLogger(ChannelBids.class);

    private final BidGate gate;
    private final int inFlight;
    private final int maxFrameBytes;

    /** {@code maxFrameBytes}: the largest message a builder may send (a larger one closes its socket). */
    public ChannelBids(BidGate gate, int inFlight, int maxFrameBytes) {
        this.gate = gate;
        this.inFlight = inFlight;
        this.maxFrameBytes = maxFrameBytes;
    }

    int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** The answers to {@code frames}, sent by {@code builder} from {@code sender}, as they are judged. */
    Flux<String> answer(Flux<Frame> frames, Address builder, Optional<InetAddress> sender) {
        AtomicLong ordinal = new AtomicLong();
        return frames.map(frame -> new Numbered(ordinal.incrementAndGet(), frame))
                .flatMap(
                        numbered -> gate.judgeFrame(
                                        numbered.frame().bytes(),
                                        numbered.frame().encoding(),
                                        sender,
                                        builder)
                                .onErrorResume(ChannelBids::failed)
                                .map(verdict -> result(numbered, verdict)),
                        inFlight);
    }

    /** A fault of the service's own, not the bid's: the builder is told to retry, the socket stays open. */
    private static Mono<BidVerdict> failed(Throwable fault) {
        log.error("a bid on the builder channel could not be judged", fault);
        return Mono.just(
                new BidVerdict.Refused(new Rejection(RejectionCode.UNAVAILABLE, "the bid could not be judged; retry")));
    }

    private static String result(Numbered numbered, BidVerdict verdict) {
        ObjectNode message = WireJson.MAPPER.createObjectNode();
        message.put("type", "bidResult");
        message.put("frame", numbered.ordinal());
        BidGate.headerHash(numbered.frame().bytes(), numbered.frame().encoding())
                .ifPresent(hash -> message.put("headerHash", hash.toHex()));
        switch (verdict) {
            case BidVerdict.Accepted accepted -> {
                message.put("status", 202);
                message.setAll((ObjectNode) WireJson.MAPPER.valueToTree(accepted.receipt()));
            }
            case BidVerdict.Refused refused -> {
                Rejection rejection = refused.rejection();
                message.put("status", rejection.code().httpStatus());
                message.setAll((ObjectNode) WireJson.MAPPER.valueToTree(rejection));
            }
        }
        return WireJson.writeString(message);
    }

    /** One message a builder sent on its channel: its bytes as received, and whether it came as binary or text. */
    record Frame(BidEncoding encoding, byte[] bytes) {}

    private record Numbered(long ordinal, Frame frame) {}
}
