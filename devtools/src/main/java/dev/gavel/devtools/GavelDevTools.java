package dev.gavel.devtools;

import dev.gavel.cli.Command;
import dev.gavel.cli.CommandLine;
import dev.gavel.cli.Gavel;
import dev.gavel.devtools.bench.BenchCommand;
import dev.gavel.devtools.bench.orderflow.OrderflowBenchCommand;
import dev.gavel.devtools.devnet.DevnetCommand;
import java.util.List;
import java.util.stream.Stream;

/** {@code ./gavel}: the operator's commands plus the developer tools (devnet, bench). Never deployed. */
public final class GavelDevTools {
    // the first command whose words begin the arguments runs: "bench orderflow" before "bench"
    private static final List<Command> COMMANDS = Stream.concat(
                    Stream.of(new DevnetCommand(), new OrderflowBenchCommand(), new BenchCommand()),
                    Gavel.COMMANDS.stream())
            .toList();

    private GavelDevTools() {}

    public static CommandLine commandLine() {
        return new CommandLine(COMMANDS);
    }

    public static void main(String[] args) {
        CommandLine.exit(commandLine().run(args, System.out, System.err));
    }
}
