package dev.gavel.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Finds the command the arguments name, parses its options, and runs it; prints the usage otherwise. */
public final class CommandLine {
    private static final String FOOTER = """

            Configuration comes from environment variables (GAVEL_ENGINE_PORT, GAVEL_HTTP_PORT,
            GAVEL_JWT_SECRET_FILE, GAVEL_DATA_DIR, ...) or --gavel.x.y=value options; see README.md.
            """;

    private final List<Command> commands;

    public CommandLine(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        for (Command command : commands) {
            String[] words = command.name().split(" ");
            if (args.length >= words.length && Arrays.equals(Arrays.copyOf(args, words.length), words)) {
                return run(command, Arrays.copyOfRange(args, words.length, args.length), out, err);
            }
        }
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            out.print(usage());
            return Command.OK;
        }
        err.println("gavel: unknown command \"" + String.join(" ", args) + "\"");
        err.print(usage());
        return Command.USAGE;
    }

    private static int run(Command command, String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args, command.spec());
        } catch (IllegalArgumentException e) {
            err.println("gavel " + command.name() + ": " + e.getMessage());
            err.println("usage: gavel " + command.name() + " "
                    + command.usage().lines().findFirst().orElse(""));
            return Command.USAGE;
        }
        return command.run(options, out, err);
    }

    public String usage() {
        StringBuilder usage = new StringBuilder("usage: gavel <command> [options]\n\n");
        for (Command command : commands) {
            List<String> lines = command.usage().lines().toList();
            usage.append("  ")
                    .append(command.name())
                    .append(' ')
                    .append(lines.get(0))
                    .append('\n');
            lines.subList(1, lines.size())
                    .forEach(line -> usage.append("      ").append(line).append('\n'));
        }
        return usage.append(FOOTER).toString();
    }

    /** Ends the process with the command's exit code, unless the command left a service running. */
    public static void exit(int code) {
        if (code != Command.RUNNING) {
            System.exit(code);
        }
    }
}
