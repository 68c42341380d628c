package dev.gavel.devtools.bench.orderflow;

import dev.gavel.cli.Command;
import dev.gavel.cli.Options;
import dev.gavel.devtools.bench.BenchOutput;
import java.io.PrintStream;

/**
 * {@code gavel bench orderflow [options]}: the builder channel under orderflow; prints JSON and a markdown table,
 * writes the JSON where asked, and fails when the report is inconsistent (a fast builder missed a message, a
 * transaction was refused).
 */
public final class OrderflowBenchCommand implements Command {
    @Override
    public String name() {
        return "bench orderflow";
    }

    @Override
    public String usage() {
        return OrderflowOptions.USAGE;
    }

    @Override
    public Options.Spec spec() {
        return OrderflowOptions.SPEC;
    }

    @Override
    public int run(Options given, PrintStream out, PrintStream err) {
        OrderflowOptions options;
        try {
            if (!given.positional().isEmpty()) {
                throw new IllegalArgumentException("unexpected " + String.join(" ", given.positional()));
            }
            options = OrderflowOptions.from(given);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage(), err);
        }
        try {
            OrderflowReport report = new OrderflowBench(options, out).run();
            BenchOutput.print(report.toJson(), report.toMarkdown(), options.json(), out);
            return report.inconsistencies().isEmpty() ? OK : FAILED;
        } catch (Exception e) {
            err.println("gavel bench orderflow: " + e);
            e.printStackTrace(err);
            return FAILED;
        }
    }
}
