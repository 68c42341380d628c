package dev.gavel.cli;

import dev.gavel.service.GavelApplication;
import java.io.PrintStream;

/** {@code gavel serve [--gavel.x.y=value ...]}: runs the auction service until stopped. */
final class ServeCommand implements Command {
    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String usage() {
        return """
                [--gavel.x.y=value ...]
                run the auction service on the PostgreSQL of gavel.database.url (./gavel, the developer
                build, starts an embedded one when it is unset)""";
    }

    @Override
    public Options.Spec spec() {
        return Options.Spec.passingThrough();
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) {
        GavelApplication.main(options.positional().toArray(String[]::new));
        return RUNNING;
    }
}
