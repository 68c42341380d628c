package dev.gavel.devtools.bench;

import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.cli.Options;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The load: {@code builders} builders each sending {@code bidsPerRound} bids on a block of about
 * {@code payloadBytes} every {@code blockTime}, for {@code duration} after {@code warmup}.
 */
public record BenchOptions(
        int builders,
        int bidsPerRound,
        int payloadBytes,
        Duration blockTime,
        Duration duration,
        Duration warmup,
        BidEncoding encoding,
        Optional<Path> json,
        Optional<Path> markdown) {
    public static final String USAGE = """
            [--builders 16] [--bids-per-round 4] [--payload-size 256KB] [--block-time 1s]
            [--duration 30s] [--warmup 5s] [--encoding json|binary] [--json FILE] [--markdown FILE]
            load generator: drives a Gavel it starts through the Engine API and the bid
            intake at full rate, bids as JSON or binary frames; prints throughput, latencies
            and intake CPU ÷ floor""";
    static final Options.Spec SPEC = Options.Spec.of(
            "--builders",
            "--bids-per-round",
            "--payload-size",
            "--block-time",
            "--duration",
            "--warmup",
            "--encoding",
            "--json",
            "--markdown");

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
    }

    static BenchOptions from(Options options) {
        return new BenchOptions(
                options.integer("--builders", 16),
                options.integer("--bids-per-round", 4),
                options.bytes("--payload-size", 256 * 1024),
                options.duration("--block-time", Duration.ofSeconds(1)),
                options.duration("--duration", Duration.ofSeconds(30)),
                options.duration("--warmup", Duration.ofSeconds(5)),
                encoding(options.value("--encoding", "json")),
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
}
