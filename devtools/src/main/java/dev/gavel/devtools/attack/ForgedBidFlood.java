package dev.gavel.devtools.attack;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.seal.AuctionPublicKey;
import dev.gavel.bidding.seal.BidSealer;
import dev.gavel.bidding.seal.HeaderSignatures;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import dev.gavel.simulation.SimulatedRollupBoost.OpenRound;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.web3j.crypto.ECKeyPair;

/**
 * Sends sealed bids for the open round that name an admitted builder but are signed by a key of the
 * attacker's, at a fixed rate from one source address: the worst junk there is, since its header is right in
 * everything but the signature. What it measures: whether such junk costs intake more than a prefix and one
 * signature check, and whether it starves the builder it names.
 */
public final class ForgedBidFlood implements AutoCloseable {
    private static final int MAX_IN_FLIGHT = 48;
    private static final Hash32 NO_BLOCK = Hash32.fromHex("0x" + "00".repeat(32));

    private final URI bids;
    private final HttpClient http;
    private final Address victim;
    private final BidSealer sealer;
    private final Supplier<Optional<OpenRound>> rounds;
    private final byte[] padding;
    private final ECKeyPair forger = ECKeyPair.create(BigInteger.valueOf(0xf0f0f0L));
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<Integer, AtomicLong> answered = new ConcurrentHashMap<>();
    private volatile Forged last;

    private ForgedBidFlood(
            URI target,
            InetAddress from,
            Address victim,
            AuctionPublicKey auctionKey,
            HeaderSignatures headers,
            Supplier<Optional<OpenRound>> rounds,
            int bodyBytes) {
        this.bids = target.resolve("/v1/bids");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .localAddress(from)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        this.victim = victim;
        this.sealer = new BidSealer(auctionKey, headers);
        this.rounds = rounds;
        this.padding = new byte[bodyBytes / 2];
        new Random(bodyBytes).nextBytes(padding);
    }

    /** Floods {@code target}'s {@code /v1/bids} from {@code from} with {@code perSecond} forged bids of about {@code bodyBytes}. */
    public static ForgedBidFlood start(
            URI target,
            InetAddress from,
            Address victim,
            AuctionPublicKey auctionKey,
            HeaderSignatures headers,
            Supplier<Optional<OpenRound>> rounds,
            int perSecond,
            int bodyBytes) {
        ForgedBidFlood flood = new ForgedBidFlood(target, from, victim, auctionKey, headers, rounds, bodyBytes);
        long period = 1_000_000 / perSecond;
        flood.ticker.scheduleAtFixedRate(flood::sendOne, period, period, TimeUnit.MICROSECONDS);
        return flood;
    }

    public AttackReport.FloodReport report() {
        Map<Integer, Long> byStatus = new TreeMap<>();
        answered.forEach((status, count) -> byStatus.put(status, count.get()));
        return new AttackReport.FloodReport(sent.get(), skipped.get(), failed.get(), byStatus);
    }

    private void sendOne() {
        Optional<OpenRound> round = rounds.get();
        if (round.isEmpty() || !inFlight.tryAcquire()) {
            skipped.incrementAndGet();
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(bids)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(forgedFor(round.get())))
                .build();
        sent.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            inFlight.release();
            if (failure != null) {
                failed.incrementAndGet();
            } else {
                answered.computeIfAbsent(response.statusCode(), status -> new AtomicLong())
                        .incrementAndGet();
            }
        });
    }

    /** One sealed body per round, sent again and again: the attacker's cost is the network, not sealing. */
    private byte[] forgedFor(OpenRound round) {
        Forged current = last;
        if (current != null && current.round().equals(round)) {
            return current.body();
        }
        Bid bid = new Bid(round.number(), round.parent(), NO_BLOCK, Wei.of(1_000_000), victim);
        byte[] body = WireJson.write(sealer.seal(padding, bid, round.round(), forger));
        last = new Forged(round, body);
        return body;
    }

    private record Forged(OpenRound round, byte[] body) {}

    @Override
    public void close() {
        ticker.shutdownNow();
        http.shutdownNow();
    }
}
