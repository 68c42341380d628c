package dev.gavel.cli;

import java.util.List;

/** The operator's {@code gavel} command line: what the production image runs. */
public final class Gavel {
    /** The operator's commands; the developer tools add theirs to these. */
    public static final List<Command> COMMANDS = List.of(
            new ServeCommand(), new PayloadHashCommand(), new ContractsDeployCommand(), new AttestVerifyCommand());

    private Gavel() {}

    public static CommandLine commandLine() {
        return new CommandLine(COMMANDS);
    }

    public static void main(String[] args) {
        CommandLine.exit(commandLine().run(args, System.out, System.err));
    }
}
