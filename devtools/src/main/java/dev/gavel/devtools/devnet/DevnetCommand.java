package dev.gavel.devtools.devnet;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.cli.Command;
import dev.gavel.cli.Options;
import dev.gavel.simulation.SimulatedRollupBoost;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.SerializationFeature;

/** {@code gavel devnet [options]}: starts the devnet, shows a line per block, and a summary at the end (or on Ctrl-C). */
public final class DevnetCommand implements Command {
    private static final Duration SETTLEMENT_PATIENCE = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "devnet";
    }

    @Override
    public String usage() {
        return DevnetOptions.USAGE;
    }

    @Override
    public Options.Spec spec() {
        return DevnetOptions.SPEC;
    }

    @Override
    public int run(Options given, PrintStream out, PrintStream err) {
        DevnetOptions options;
        try {
            options = DevnetOptions.from(given);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage(), err);
        }
        try {
            Path dataDir = Files.createTempDirectory("gavel-devnet-");
            out.println("gavel devnet: starting anvil, contracts, " + options.builders()
                    + " builders and the auction service (data in " + dataDir + ")");
            Devnet devnet = Devnet.start(options, dataDir);
            out.println(devnet.chainLine());
            AtomicLong blocks = new AtomicLong();
            AtomicBoolean stopping = new AtomicBoolean();
            if (options.blocks() == 0) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stopping.set(true);
                    printSummary(devnet, blocks.get(), options, out, err);
                    devnet.close();
                }));
            }
            try {
                while (options.blocks() == 0 || blocks.get() < options.blocks()) {
                    SimulatedRollupBoost.BlockResult block = devnet.nextBlock();
                    blocks.incrementAndGet();
                    out.println(devnet.line(block));
                }
                devnet.awaitSettlement(SETTLEMENT_PATIENCE);
                return printSummary(devnet, blocks.get(), options, out, err) ? OK : FAILED;
            } catch (Exception stoppedUnderfoot) {
                if (stopping.get()) {
                    return OK; // Ctrl-C: the shutdown hook prints the summary and stops everything
                }
                throw stoppedUnderfoot;
            } finally {
                if (options.blocks() > 0) {
                    devnet.close();
                }
            }
        } catch (Exception e) {
            err.println("gavel devnet: " + e);
            return FAILED;
        }
    }

    private static boolean printSummary(
            Devnet devnet, long blocks, DevnetOptions options, PrintStream out, PrintStream err) {
        try {
            DevnetSummary summary = devnet.summary(blocks);
            String json = WireJson.MAPPER
                    .rebuild()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .build()
                    .writeValueAsString(summary.toJson());
            out.println(json);
            if (options.summaryJson().isPresent()) {
                Files.writeString(options.summaryJson().get(), json);
            }
            return true;
        } catch (Exception e) {
            err.println("gavel devnet: no summary: " + e.getMessage());
            return false;
        }
    }
}
