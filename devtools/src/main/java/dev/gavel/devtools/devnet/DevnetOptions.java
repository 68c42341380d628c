package dev.gavel.devtools.devnet;

import dev.gavel.cli.Options;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code gavel devnet} runs: how many blocks (0: until stopped), how many builders and how they bid, the
 * block time, whether the last builder stops paying (deposits next to nothing), the attackers beside it, a
 * builder run through the TypeScript client, the orderflow's rate, and where the summary goes.
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
        boolean hostile,
        int slowlorisConnections,
        int forgedBidsPerSecond,
        int orderflowTps,
        Optional<Path> typescriptClient,
        Optional<Path> summaryJson) {
    public static final String USAGE = """
            [--blocks N] [--summary-json FILE] [--builders B] [--block-time 1s] [--bids-per-round K]
            [--transactions T] [--invalid-share 0.1] [--late-share 0.05] [--deadbeat] [--hostile]
            [--slowloris CONNECTIONS] [--forged-flood BIDS_PER_SECOND] [--ts-builder CLIENT_DIR]
            [--orderflow-tps N]
            everything local: anvil with the contracts, simulated builders and rollup-boost
            driving the auction service; a line per block, a summary at the end. --hostile adds
            five hostile builders: one bidding far beyond its 1,000 wei escrow, one that requested
            its whole deposit back, one whose blocks carry execution requests, one sending
            Cancun-shaped blocks, one whose winning blocks the sequencer refuses (wrong state
            root). Attackers
            beside it (Linux loopback aliases): --slowloris holds CONNECTIONS from 127.0.0.2
            trickling 8 MB bodies a byte a second; --forged-flood sends 256 KB bids naming an
            admitted builder, not signed by it, from 127.0.0.3. --ts-builder adds a builder run
            through the TypeScript client in CLIENT_DIR (clients/typescript, built), bidding
            above the others. --orderflow-tps sends N signed transactions a second through the
            Engine API as rollup-boost forwards them; the builders, on the builder channel, build
            their blocks from them (else from made-up transactions, --transactions a block)""";
    static final Options.Spec SPEC = Options.Spec.of(
                    "--blocks",
                    "--builders",
                    "--block-time",
                    "--bids-per-round",
                    "--transactions",
                    "--invalid-share",
                    "--late-share",
                    "--slowloris",
                    "--forged-flood",
                    "--ts-builder",
                    "--orderflow-tps",
                    "--summary-json")
            .withFlags("--deadbeat", "--hostile");

    public DevnetOptions {
        if (blocks < 0
                || builders < 1
                || builders > 16
                || bidsPerRound < 1
                || bidsPerRound > 4
                || blockTime.toMillis() < 500
                || slowlorisConnections < 0
                || forgedBidsPerSecond < 0
                || forgedBidsPerSecond > 10_000
                || orderflowTps < 0
                || orderflowTps > 10_000) {
            throw new IllegalArgumentException("need blocks ≥ 0, 1-16 builders, 1-4 bids per round (the hub's limit),"
                    + " a block time ≥ 500ms, slowloris connections ≥ 0, 0-10000 forged bids a second"
                    + " and 0-10000 orderflow transactions a second");
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
                options.flag("--hostile"),
                options.integer("--slowloris", 0),
                options.integer("--forged-flood", 0),
                options.integer("--orderflow-tps", 0),
                options.path("--ts-builder"),
                options.path("--summary-json"));
    }
}
