package dev.gavel.cli;

import java.io.PrintStream;

/** One command of the {@code gavel} command line. */
public interface Command {
    /** Exit codes every command uses: done (accepted, matching), failed (rejected, mismatching), bad usage. */
    int OK = 0;

    int FAILED = 1;
    int USAGE = 2;
    /** Returned by a command that started a service: the process keeps running after it returns. */
    int RUNNING = -1;

    /** The words that select it, e.g. {@code "attest verify"}. */
    String name();

    /** Its arguments after the name, then what it does, for the overall usage. */
    String usage();

    /** The options it takes. */
    Options.Spec spec();

    int run(Options options, PrintStream out, PrintStream err);

    /** Says what is wrong with the arguments, then how the command is used. */
    default int usageError(String problem, PrintStream err) {
        err.println("gavel " + name() + ": " + problem);
        err.println("usage: gavel " + name() + " " + usage().lines().findFirst().orElse(""));
        return USAGE;
    }
}
