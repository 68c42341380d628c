package dev.gavel.devtools.bench.orderflow;

import dev.gavel.cli.Options;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The orderflow load: {@code builders} builders on the channel, one of them slow (it reads one message every
 * {@code slowReadDelay}), while {@code rate} signed transactions a second (each with {@code calldataBytes} of
 * calldata) are forwarded to the Engine API in batches of {@code batch}, for {@code duration} after {@code warmup}. {@code subscriberBuffer}, when given, is the
 * service's {@code gavel.channel.subscriber-buffer}.
 */
record OrderflowOptions(
        int builders,
        int rate,
        int batch,
        int calldataBytes,
        Duration duration,
        Duration warmup,
        Duration slowReadDelay,
        Optional<Integer> subscriberBuffer,
        Optional<Path> json) {
    static final String USAGE = """
            [--builders 16] [--rate 10000] [--batch RATE/1000] [--calldata-size 0] [--duration 20s]
            [--warmup 5s] [--slow-read-delay 2ms] [--subscriber-buffer N] [--json FILE]
            orderflow bench: builders on /v1/builder (one reading slowly) while signed
            transactions are forwarded through the Engine API; prints delivery latency and
            drops per builder""";
    static final Options.Spec SPEC = Options.Spec.of(
            "--builders",
            "--rate",
            "--batch",
            "--calldata-size",
            "--duration",
            "--warmup",
            "--slow-read-delay",
            "--subscriber-buffer",
            "--json");

    OrderflowOptions {
        if (builders < 2 || rate < 1 || batch < 1 || batch > rate || calldataBytes < 0) {
            throw new IllegalArgumentException("need ≥ 2 builders (one is the slow one), a rate ≥ 1 tx/s, a batch"
                    + " between 1 and the rate and a calldata size ≥ 0");
        }
        if (!duration.isPositive() || warmup.isNegative() || !slowReadDelay.isPositive()) {
            throw new IllegalArgumentException("need a positive duration and slow read delay, and a warm-up ≥ 0");
        }
        if (subscriberBuffer.isPresent() && subscriberBuffer.get() < 1) {
            throw new IllegalArgumentException("--subscriber-buffer must be ≥ 1");
        }
    }

    static OrderflowOptions from(Options options) {
        int rate = options.integer("--rate", 10_000);
        return new OrderflowOptions(
                options.integer("--builders", 16),
                rate,
                options.integer("--batch", Math.max(1, rate / 1_000)),
                options.bytes("--calldata-size", 0),
                options.duration("--duration", Duration.ofSeconds(20)),
                options.duration("--warmup", Duration.ofSeconds(5)),
                options.duration("--slow-read-delay", Duration.ofMillis(2)),
                options.value("--subscriber-buffer").map(v -> options.integer("--subscriber-buffer", 0)),
                options.path("--json"));
    }

    /** Transactions offered in the whole run, warm-up included. */
    int transactions() {
        return Math.toIntExact((warmup.toMillis() + duration.toMillis()) * rate / 1_000);
    }

    /** Transactions offered during the warm-up: their deliveries are not timed. */
    int warmupTransactions() {
        return Math.toIntExact(warmup.toMillis() * rate / 1_000);
    }
}
