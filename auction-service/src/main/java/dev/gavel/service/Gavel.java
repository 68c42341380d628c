package dev.gavel.service;

import dev.gavel.service.bench.BenchCommand;
import dev.gavel.service.cli.AttestVerifyCommand;
import dev.gavel.service.cli.ContractsDeployCommand;
import dev.gavel.service.cli.PayloadHashCommand;
import dev.gavel.service.devnet.DevnetCommand;
import java.nio.file.Path;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;

/** The `gavel` command line. */
public final class Gavel {
    private static final String USAGE = """
            usage: gavel <command> [options]

              devnet [--blocks N] [--summary-json FILE] [options]
                                  everything local: anvil with the contracts, simulated builders and rollup-boost
                                  driving the auction service; a line per block, a summary at the end
              bench [--builders 16] [--bids-per-round 4] [--payload-size 256KB] [--block-time 1s]
                    [--duration 30s] [--json FILE] [--markdown FILE]
                                  load generator: drives a Gavel it starts through the Engine API and the bid
                                  intake at full rate; prints throughput, latencies and intake CPU ÷ floor
              serve               run the auction service (embedded PostgreSQL unless gavel.database.url is set)
              payload hash FILE   recompute a payload's block hash and compare it with the file's; FILE is an
                                  engine_newPayload request, a getPayload envelope, an eth_getBlockByNumber
                                  block with full transactions, or a reth newPayload dump
              contracts deploy --rpc URL --key-file FILE [options]
                                  deploy BuilderHub, AuctionSettlement and their verifier and block-hash
                                  source; prints their addresses (see README.md)
              attest verify QUOTE [--collateral DIR] [--at ISO-TIME]
                                  verify a TDX quote offline against the pinned Intel root; prints JSON,
                                  exit 0 only when accepted (DIR: Intel PCS collateral, see README.md)

            Configuration comes from environment variables (GAVEL_ENGINE_PORT, GAVEL_HTTP_PORT,
            GAVEL_JWT_SECRET_FILE, GAVEL_DATA_DIR, ...) or --gavel.x.y=value options; see README.md.
            """;

    private Gavel() {}

    private static int contracts(String[] args) {
        if (args.length < 1 || !args[0].equals("deploy")) {
            System.err.print(USAGE);
            return ContractsDeployCommand.USAGE;
        }
        return ContractsDeployCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
    }

    private static int attest(String[] args) {
        if (args.length < 1 || !args[0].equals("verify")) {
            System.err.print(USAGE);
            return AttestVerifyCommand.USAGE;
        }
        return AttestVerifyCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
    }

    private static int payload(String[] args) {
        if (args.length != 2 || !args[0].equals("hash")) {
            System.err.print(USAGE);
            return 2;
        }
        return PayloadHashCommand.run(Path.of(args[1]), System.out, System.err);
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "serve" -> SpringApplication.run(GavelApplication.class, rest);
            case "bench" -> System.exit(BenchCommand.run(rest, System.out, System.err));
            case "devnet" -> System.exit(DevnetCommand.run(rest, System.out, System.err));
            case "payload" -> System.exit(payload(rest));
            case "attest" -> System.exit(attest(rest));
            case "contracts" -> System.exit(contracts(rest));
            case "help", "--help", "-h" -> System.out.print(USAGE);
            default -> {
                System.err.println("gavel: unknown command \"" + command + "\"");
                System.err.print(USAGE);
                System.exit(2);
            }
        }
    }
}
