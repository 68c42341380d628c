package dev.gavel.devtools.bench;

import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.cli.Options;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The load: {@code builders} builders each sending {@code bidsPerRound} bids on a block of about
 * {@code payloadBytes} every {@code blockTime}, for {@code duration} after {@code warmup}; against a Gavel the
 * bench starts in a JVM of its own with {@code serviceHeap}, or against {@code target}; with {@code ramp}, the
 * offered rate stepped up until acknowledgement no longer holds; {@code heapAfterGcEvery}, the service's heap
 * after a forced GC sampled between rounds.
 */
public record BenchOptions(
        int builders,
        int bidsPerRound,
        int payloadBytes,
        Duration blockTime,
        Duration duration,
        Duration warmup,
        BidEncoding encoding,
        String serviceHeap,
        Optional<TargetOptions> target,
        Optional<Ramp> ramp,
        Optional<Duration> heapAfterGcEvery,
        Optional<Path> writeServiceSettings,
        Optional<Path> json,
        Optional<Path> markdown) {
    public static final String USAGE = """
            [--builders 16] [--bids-per-round 4] [--payload-size 256KB] [--block-time 1s]
            [--duration 30s] [--warmup 5s] [--encoding json|binary] [--service-heap 1g]
            [--target URL --engine-url URL --jwt-secret FILE [--management-url URL]]
            [--ramp [--ramp-step 5s] [--ramp-max-rate 8192]] [--heap-after-gc 5s]
            [--write-service-settings FILE] [--json FILE] [--markdown FILE]
            load generator: drives a Gavel through the Engine API and the bid intake at full rate,
            bids as JSON or binary frames; the Gavel runs in a JVM of its own (or is --target, started
            with the settings --write-service-settings writes); prints offered, acknowledged, shed,
            late and failed bids, latencies, the service's CPU ÷ floor and heap apart from the
            generator's; --ramp raises the offered rate ×1.25 a step until ack p99 passes 20 ms""";
    static final Options.Spec SPEC = Options.Spec.of(
                    "--builders",
                    "--bids-per-round",
                    "--payload-size",
                    "--block-time",
                    "--duration",
                    "--warmup",
                    "--encoding",
                    "--service-heap",
                    "--target",
                    "--engine-url",
                    "--jwt-secret",
                    "--management-url",
                    "--ramp-step",
                    "--ramp-max-rate",
                    "--heap-after-gc",
                    "--write-service-settings",
                    "--json",
                    "--markdown")
            .withFlags("--ramp");

    public BenchOptions {
        if (builders < 1
                || bidsPerRound < 1
                || payloadBytes < 1_000
                || blockTime.toMillis() < 200
                || duration.isNegative()
                || duration.isZero()
                || warmup.isNegative()) {
            throw new IllegalArgumentException(
                    "need ≥ 1 builder and bid per round, a payload ≥ 1KB, a block time ≥ 200ms and a positive duration");
        }
        if (!serviceHeap.matches("[0-9]+[kmgKMG]?")) {
            throw new IllegalArgumentException(
                    "--service-heap is a JVM heap size like 1g or 2048m, not " + serviceHeap);
        }
        if (ramp.isPresent() && ramp.get().maxRate() < offeredPerSecond(builders * bidsPerRound, blockTime)) {
            throw new IllegalArgumentException("--ramp-max-rate is below the rate the ramp starts at");
        }
        if (heapAfterGcEvery.isPresent() && target.isPresent()) {
            throw new IllegalArgumentException(
                    "--heap-after-gc forces a GC in the process the bench started: not with --target");
        }
    }

    /** Bids offered a second when every round offers {@code bidsPerRound} (all builders together). */
    static double offeredPerSecond(int bidsPerRound, Duration blockTime) {
        return bidsPerRound * 1000.0 / blockTime.toMillis();
    }

    /** Bids every round offers, all builders together, before any ramp. */
    int bidsPerRoundOfAll() {
        return builders * bidsPerRound;
    }

    /** The most bids any round of the run offers, all builders together: what the service's limits must admit. */
    int mostBidsPerRound() {
        return ramp.map(r -> (int) Math.ceil(r.maxRate() * blockTime.toMillis() / 1000.0))
                .orElse(bidsPerRoundOfAll());
    }

    static BenchOptions from(Options options) {
        Duration blockTime = options.duration("--block-time", Duration.ofSeconds(1));
        return new BenchOptions(
                options.integer("--builders", 16),
                options.integer("--bids-per-round", 4),
                options.bytes("--payload-size", 256 * 1024),
                blockTime,
                options.duration("--duration", Duration.ofSeconds(30)),
                options.duration("--warmup", Duration.ofSeconds(5)),
                encoding(options.value("--encoding", "json")),
                options.value("--service-heap", "1g"),
                TargetOptions.from(options),
                options.flag("--ramp")
                        ? Optional.of(new Ramp(
                                options.duration("--ramp-step", Duration.ofSeconds(5)),
                                options.decimal("--ramp-max-rate", 8192),
                                blockTime))
                        : Optional.empty(),
                options.value("--heap-after-gc").map(v -> options.duration("--heap-after-gc", Duration.ZERO)),
                options.path("--write-service-settings"),
                options.path("--json"),
                options.path("--markdown"));
    }

    private static BidEncoding encoding(String name) {
        return switch (name) {
            case "json" -> BidEncoding.JSON;
            case "binary" -> BidEncoding.BINARY;
            default -> throw new IllegalArgumentException("--encoding is json or binary, not " + name);
        };
    }

    /** A Gavel the bench did not start: its builders' API, Engine API and JWT secret, and its management port if given. */
    record TargetOptions(URI http, URI engine, Path jwtSecret, Optional<URI> management) {
        static Optional<TargetOptions> from(Options options) {
            if (options.value("--target").isEmpty()) {
                for (String needsTarget : new String[] {"--engine-url", "--jwt-secret", "--management-url"}) {
                    if (options.value(needsTarget).isPresent()) {
                        throw new IllegalArgumentException(needsTarget + " goes with --target");
                    }
                }
                return Optional.empty();
            }
            return Optional.of(new TargetOptions(
                    uri(options, "--target"),
                    uri(options, "--engine-url"),
                    Path.of(options.required("--jwt-secret")),
                    options.value("--management-url").map(v -> uri(options, "--management-url"))));
        }

        private static URI uri(Options options, String name) {
            String value = options.required(name);
            if (!value.matches("https?://[^/]+/?")) {
                throw new IllegalArgumentException(name + " is a URL like http://host:port, not " + value);
            }
            return URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        }
    }

    /**
     * The ramp: each step offers ×1.25 the bids of the last (at least one more a round) for {@code step}, up to
     * {@code maxRate} bids a second.
     */
    record Ramp(Duration step, double maxRate, Duration blockTime) {
        static final double FACTOR = 1.25;

        Ramp {
            if (step.compareTo(blockTime) < 0 || maxRate <= 0) {
                throw new IllegalArgumentException(
                        "--ramp-step is at least one block time and --ramp-max-rate positive");
            }
        }

        /** The bids a round of the step after one of {@code bidsPerRound} offers, or 0 past the maximum rate. */
        int next(int bidsPerRound) {
            int next = Math.max(bidsPerRound + 1, (int) Math.round(bidsPerRound * FACTOR));
            return offeredPerSecond(next, blockTime) > maxRate ? 0 : next;
        }

        long roundsPerStep() {
            return step.toMillis() / blockTime.toMillis();
        }
    }
}
