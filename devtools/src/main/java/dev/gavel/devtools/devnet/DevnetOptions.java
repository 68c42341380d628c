package dev.gavel.devtools.devnet;

import dev.gavel.cli.Options;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code gavel devnet} runs: how many blocks (0: until stopped), how many builders and how they bid, the
 * block time, whether the last builder stops paying (deposits next to nothing), and where the summary goes.
 */
public record DevnetOptions(
        int blocks,
        int builders,
        Duration blockTime,
        int bidsPerRound,
        int transactions,
        double invalidShare,
        double lateShare,
        boolean deadbeat,
        Optional<Path> summaryJson) {
    public static final String USAGE = """
            [--blocks N] [--summary-json FILE] [--builders B] [--block-time 1s] [--bids-per-round K]
            [--transactions T] [--invalid-share 0.1] [--late-share 0.05] [--deadbeat]
            everything local: anvil with the contracts, simulated builders and rollup-boost
            driving the auction service; a line per block, a summary at the end""";
    static final Options.Spec SPEC = Options.Spec.of(
                    "--blocks",
                    "--builders",
                    "--block-time",
                    "--bids-per-round",
                    "--transactions",
                    "--invalid-share",
                    "--late-share",
                    "--summary-json")
            .withFlags("--deadbeat");

    public DevnetOptions {
        if (blocks < 0
                || builders < 1
                || builders > 16
                || bidsPerRound < 1
                || bidsPerRound > 4
                || blockTime.toMillis() < 500) {
            throw new IllegalArgumentException(
                    "need blocks ≥ 0, 1-16 builders, 1-4 bids per round (the hub's limit) and a block time ≥ 500ms");
        }
    }

    static DevnetOptions from(Options options) {
        return new DevnetOptions(
                options.integer("--blocks", 0),
                options.integer("--builders", 4),
                options.duration("--block-time", Duration.ofSeconds(1)),
                options.integer("--bids-per-round", 2),
                options.integer("--transactions", 20),
                options.decimal("--invalid-share", 0.1),
                options.decimal("--late-share", 0.05),
                options.flag("--deadbeat"),
                options.path("--summary-json"));
    }
}
