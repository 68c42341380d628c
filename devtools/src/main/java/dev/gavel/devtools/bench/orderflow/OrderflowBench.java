package dev.gavel.devtools.bench.orderflow;

import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.bidding.channel.ChannelLogins;
import dev.gavel.devtools.inprocess.InProcessGavel;
import dev.gavel.primitives.Address;
import dev.gavel.service.channel.ChannelFeed;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.web3j.crypto.ECKeyPair;

/**
 * Starts a Gavel (embedded PostgreSQL, the builders on its allowlist, as the bench admits them), connects the
 * builders to /v1/builder with their signed logins (the last one slow), forwards the signed transactions through
 * the Engine API at the offered rate, lets the fast builders drain, and reports what each builder received,
 * missed and how fast, beside the service's own count of builders it cut off.
 */
final class OrderflowBench {
    private static final long CHAIN_ID = 901;
    private static final Address SETTLEMENT = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final OrderflowOptions options;
    private final PrintStream out;

    OrderflowBench(OrderflowOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    OrderflowReport run() throws Exception {
        out.printf("signing %d transactions...%n", options.transactions());
        SignedTransactions transactions =
                SignedTransactions.sign(options.transactions(), CHAIN_ID, options.calldataBytes());
        SendTimes times = new SendTimes(transactions, options.warmupTransactions());
        List<ECKeyPair> keys = Stream.iterate(0, i -> i + 1)
                .limit(options.builders())
                .map(i -> ECKeyPair.create(BigInteger.valueOf(0xc4a77L + i)))
                .toList();
        Path dataDir = Files.createTempDirectory("gavel-orderflow-bench-");
        ScheduledExecutorService pacing = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("orderflow-bench-pacing").daemon().factory());
        try (InProcessGavel gavel = InProcessGavel.start(dataDir, settings(keys))) {
            ChannelFeed feed = gavel.bean(ChannelFeed.class);
            ChannelLogins logins = new ChannelLogins(Eip712Domain.gavel(CHAIN_ID, SETTLEMENT));
            List<ChannelListener> listeners = new ArrayList<>();
            List<Deliveries> deliveries = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                Deliveries seen = new Deliveries(times);
                Duration readDelay = i == keys.size() - 1 ? options.slowReadDelay() : Duration.ZERO;
                ChannelListener listener =
                        new ChannelListener(gavel.ws("/v1/builder"), logins, keys.get(i), readDelay, pacing, seen);
                listener.connect();
                listeners.add(listener);
                deliveries.add(seen);
            }
            awaitSubscribed(feed, keys.size());
            long firstSequence = feed.latestSequence();
            OrderflowSender sender = new OrderflowSender(gavel.engineUri(), gavel.jwt());
            out.printf(
                    "%d builders (the last one slow), %d tx/s in batches of %d, %d s after %d s of warm-up%n",
                    options.builders(),
                    options.rate(),
                    options.batch(),
                    options.duration().toSeconds(),
                    options.warmup().toSeconds());
            long started = System.nanoTime();
            sender.send(transactions, times, options.rate(), options.batch());
            Duration sending = Duration.ofNanos(System.nanoTime() - started);
            long lastSequence = settled(feed);
            awaitDrained(deliveries.subList(0, deliveries.size() - 1), lastSequence);
            listeners.forEach(ChannelListener::stop);
            List<OrderflowReport.BuilderResult> results = new ArrayList<>();
            for (int i = 0; i < listeners.size(); i++) {
                results.add(new OrderflowReport.BuilderResult(
                        listeners.get(i).address(),
                        i == listeners.size() - 1,
                        deliveries.get(i).tally(lastSequence),
                        deliveries.get(i).latencies(),
                        deliveries.get(i).fromPublication()));
            }
            return new OrderflowReport(
                    options,
                    sending,
                    sender.accepted(),
                    sender.errors(),
                    sender.firstError(),
                    sender.maxLagMillis(),
                    sender.answers(),
                    lastSequence - firstSequence,
                    feed.dropped(),
                    results);
        } finally {
            pacing.shutdownNow();
        }
    }

    private static void awaitSubscribed(ChannelFeed feed, int builders) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (feed.subscribers() < builders) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "only " + feed.subscribers() + " of " + builders + " builders were admitted to the channel");
            }
            Thread.sleep(10);
        }
    }

    /** The feed's last sequence number once it stops moving: requests the Engine API had queued are published too. */
    private static long settled(ChannelFeed feed) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        long last;
        do {
            last = feed.latestSequence();
            Thread.sleep(200);
        } while (feed.latestSequence() != last && System.nanoTime() < deadline);
        return feed.latestSequence();
    }

    /** Waits (at most {@link #DRAIN}) until the fast builders have read up to {@code lastSequence}. */
    private static void awaitDrained(List<Deliveries> fast, long lastSequence) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (System.nanoTime() < deadline
                && fast.stream().anyMatch(d -> d.tally(lastSequence).unread() > 0)) {
            Thread.sleep(10);
        }
    }

    /** The builders on the allowlist (the bench's admission), and the channel's buffer when one is asked for. */
    private List<String> settings(List<ECKeyPair> keys) {
        List<String> settings = new ArrayList<>(List.of(
                "--gavel.auction.chain-id=" + CHAIN_ID,
                "--gavel.auction.settlement-contract=" + SETTLEMENT.toHex(),
                "--gavel.auction.builders="
                        + String.join(
                                ",",
                                keys.stream()
                                        .map(k -> Secp256k1.address(k).toHex())
                                        .toList())));
        options.subscriberBuffer().ifPresent(size -> settings.add("--gavel.channel.subscriber-buffer=" + size));
        return settings;
    }
}
