package dev.gavel.devtools.devnet;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.cli.Command;
import dev.gavel.cli.Options;
import dev.gavel.simulation.SimulatedRollupBoost;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.SerializationFeature;

/**
 * {@code gavel devnet [options]}: starts the devnet, shows a line per block, and a summary at the end (or on
 * SIGTERM or Ctrl-C, at any moment, after which nothing it started keeps running).
 */
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
        Started started = new Started(err);
        Stopping stopping = new Stopping(started, options, out, err);
        Runtime.getRuntime().addShutdownHook(stopping);
        try {
            Path dataDir = Files.createTempDirectory("gavel-devnet-");
            out.println("gavel devnet: starting anvil, contracts, " + options.builders()
                    + " builders and the auction service (data in " + dataDir + ")");
            Devnet devnet = Devnet.start(options, dataDir, started);
            out.println(devnet.chainLine());
            stopping.running(devnet);
            while (options.blocks() == 0 || stopping.blocks() < options.blocks()) {
                SimulatedRollupBoost.BlockResult block = devnet.nextBlock();
                stopping.blockDone();
                out.println(devnet.line(block));
            }
            devnet.awaitSettlement(SETTLEMENT_PATIENCE);
            if (!stopping.finish()) {
                return OK; // a signal came first: its hook prints the summary
            }
            return printSummary(devnet, stopping.blocks(), options, out, err) ? OK : FAILED;
        } catch (Exception e) {
            if (stopping.isSignalled()) {
                return OK; // SIGTERM or Ctrl-C: the shutdown hook prints the summary and stops everything
            }
            err.println("gavel devnet: " + e);
            return FAILED;
        } finally {
            if (!stopping.isSignalled()) {
                started.close(); // else the hook does, after the summary
            }
            stopping.mainDone();
        }
    }

    /**
     * The shutdown hook (SIGTERM, Ctrl-C), installed before anything starts: mid-run it prints the summary first,
     * while anvil and the database still answer; then it stops whatever has started, and waits for the devnet's own
     * thread to stop too (a part still starting is stopped as soon as it is up), so that nothing outlives the JVM.
     */
    private static final class Stopping extends Thread {
        private static final Duration MAIN_PATIENCE = Duration.ofSeconds(20);

        private final Started started;
        private final DevnetOptions options;
        private final PrintStream out;
        private final PrintStream err;
        private final AtomicLong blocks = new AtomicLong();
        private final AtomicBoolean signalled = new AtomicBoolean();
        private final CountDownLatch mainDone = new CountDownLatch(1);
        private volatile Devnet running;

        Stopping(Started started, DevnetOptions options, PrintStream out, PrintStream err) {
            super("gavel-devnet-stopping");
            this.started = started;
            this.options = options;
            this.out = out;
            this.err = err;
        }

        void running(Devnet devnet) {
            running = devnet;
        }

        void blockDone() {
            blocks.incrementAndGet();
        }

        long blocks() {
            return blocks.get();
        }

        boolean isSignalled() {
            return signalled.get();
        }

        /**
         * The run ended on its own: the hook is no longer needed (an in-process caller runs devnets one after
         * another). False if a signal came first: the hook prints the summary then.
         */
        boolean finish() {
            running = null;
            try {
                Runtime.getRuntime().removeShutdownHook(this);
            } catch (IllegalStateException shuttingDown) {
                return !signalled.get();
            }
            return true;
        }

        void mainDone() {
            mainDone.countDown();
        }

        @Override
        public void run() {
            signalled.set(true);
            Devnet devnet = running;
            if (devnet != null) {
                printSummary(devnet, blocks.get(), options, out, err);
            }
            started.close();
            try {
                if (!mainDone.await(MAIN_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                    err.println(
                            "gavel devnet: still starting after " + MAIN_PATIENCE.toSeconds() + " s; stopping anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            started.close();
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
