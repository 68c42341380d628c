package dev.gavel.service;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;

/** The `gavel` command line. */
public final class Gavel {
    private static final String USAGE = """
            usage: gavel <command> [options]

              serve      run the auction service (embedded PostgreSQL unless gavel.database.url is set)

            Configuration comes from environment variables (GAVEL_ENGINE_PORT, GAVEL_HTTP_PORT,
            GAVEL_JWT_SECRET_FILE, GAVEL_DATA_DIR, ...) or --gavel.x.y=value options; see README.md.
            """;

    private Gavel() {}

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "serve" -> SpringApplication.run(GavelApplication.class, rest);
            case "help", "--help", "-h" -> System.out.print(USAGE);
            default -> {
                System.err.println("gavel: unknown command \"" + command + "\"");
                System.err.print(USAGE);
                System.exit(2);
            }
        }
    }
}
