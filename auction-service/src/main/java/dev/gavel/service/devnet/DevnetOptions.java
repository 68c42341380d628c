package dev.gavel.service.devnet;

import dev.gavel.service.cli.OptionValues;
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
            usage: gavel devnet [--blocks N] [--builders B] [--block-time 1s] [--bids-per-round K] [--transactions T]
                                [--invalid-share 0.1] [--late-share 0.05] [--deadbeat] [--summary-json FILE]""";

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

    public static DevnetOptions parse(String[] args) {
        int blocks = 0;
        int builders = 4;
        Duration blockTime = Duration.ofSeconds(1);
        int bidsPerRound = 2;
        int transactions = 20;
        double invalidShare = 0.1;
        double lateShare = 0.05;
        boolean deadbeat = false;
        Path summary = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--deadbeat")) {
                deadbeat = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--blocks" -> blocks = Integer.parseInt(value);
                case "--builders" -> builders = Integer.parseInt(value);
                case "--block-time" -> blockTime = OptionValues.duration(value);
                case "--bids-per-round" -> bidsPerRound = Integer.parseInt(value);
                case "--transactions" -> transactions = Integer.parseInt(value);
                case "--invalid-share" -> invalidShare = Double.parseDouble(value);
                case "--late-share" -> lateShare = Double.parseDouble(value);
                case "--summary-json" -> summary = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new DevnetOptions(
                blocks,
                builders,
                blockTime,
                bidsPerRound,
                transactions,
                invalidShare,
                lateShare,
                deadbeat,
                Optional.ofNullable(summary));
    }
}
