package dev.gavel.service.bench;

import dev.gavel.service.cli.OptionValues;
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
        Optional<Path> json,
        Optional<Path> markdown) {
    public static final String USAGE = """
            usage: gavel bench [--builders 16] [--bids-per-round 4] [--payload-size 256KB] [--block-time 1s]
                               [--duration 30s] [--warmup 5s] [--json FILE] [--markdown FILE]""";

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

    public static BenchOptions parse(String[] args) {
        int builders = 16;
        int bidsPerRound = 4;
        int payloadBytes = 256 * 1024;
        Duration blockTime = Duration.ofSeconds(1);
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ofSeconds(5);
        Path json = null;
        Path markdown = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--builders" -> builders = Integer.parseInt(value);
                case "--bids-per-round" -> bidsPerRound = Integer.parseInt(value);
                case "--payload-size" -> payloadBytes = OptionValues.bytes(value);
                case "--block-time" -> blockTime = OptionValues.duration(value);
                case "--duration" -> duration = OptionValues.duration(value);
                case "--warmup" -> warmup = OptionValues.duration(value);
                case "--json" -> json = Path.of(value);
                case "--markdown" -> markdown = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new BenchOptions(
                builders,
                bidsPerRound,
                payloadBytes,
                blockTime,
                duration,
                warmup,
                Optional.ofNullable(json),
                Optional.ofNullable(markdown));
    }
}
