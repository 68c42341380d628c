package dev.gavel.devtools.bench;

import dev.gavel.cli.Command;
import dev.gavel.cli.Options;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Locale;

/** {@code gavel bench [options]}: the load generator; prints JSON and a markdown table, and writes them where asked. */
public final class BenchCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String usage() {
        return BenchOptions.USAGE;
    }

    @Override
    public Options.Spec spec() {
        return BenchOptions.SPEC;
    }

    @Override
    public int run(Options given, PrintStream out, PrintStream err) {
        BenchOptions options;
        try {
            options = BenchOptions.from(given);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage(), err);
        }
        try {
            if (options.writeServiceSettings().isPresent()) {
                ServiceSettings.write(options, options.writeServiceSettings().get());
                out.println("gavel bench: start the target with gavel serve --spring.config.additional-location=file:"
                        + options.writeServiceSettings().get());
                return OK;
            }
            out.printf(
                    "gavel bench: %d builders × %d bids per %d ms round, %d KB payloads as %s, %s after %d s of warm-up, against %s%n",
                    options.builders(),
                    options.bidsPerRound(),
                    options.blockTime().toMillis(),
                    options.payloadBytes() / 1024,
                    options.encoding().name().toLowerCase(Locale.ROOT),
                    options.ramp()
                            .map(r -> "a ramp of " + r.step().toSeconds() + " s steps")
                            .orElse(options.duration().toSeconds() + " s"),
                    options.warmup().toSeconds(),
                    options.target()
                            .map(t -> t.http().toString())
                            .orElse("a Gavel in its own JVM (-Xmx" + options.serviceHeap() + ")"));
            BenchReport report = new LoadBench(options, out).run();
            BenchOutput.print(report.toJson(), report.toMarkdown(), options.json(), out);
            if (options.markdown().isPresent()) {
                Files.writeString(options.markdown().get(), report.toMarkdown());
            }
            return report.acknowledgedBidsMissingFromDb() <= 0 ? OK : FAILED;
        } catch (Exception e) {
            err.println("gavel bench: " + e);
            e.printStackTrace(err);
            return FAILED;
        }
    }
}
