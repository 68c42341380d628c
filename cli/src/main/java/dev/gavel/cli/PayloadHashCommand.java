package dev.gavel.cli;

import dev.gavel.bidding.block.PayloadDocuments;
import dev.gavel.bidding.block.PayloadDocuments.PayloadDocument;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.primitives.Hash32;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import tools.jackson.core.JacksonException;

/**
 * {@code gavel payload hash FILE}: recomputes a payload's block hash from its header fields and
 * transaction tries and says whether it matches the hash the file declares. Exit 0 on a match, 1 on a
 * mismatch, 2 when the file cannot be read as a payload.
 */
final class PayloadHashCommand implements Command {
    @Override
    public String name() {
        return "payload hash";
    }

    @Override
    public String usage() {
        return """
                FILE
                recompute a payload's block hash and compare it with the file's; FILE is an
                engine_newPayload request, a getPayload envelope, an eth_getBlockByNumber
                block with full transactions, or a reth newPayload dump""";
    }

    @Override
    public Options.Spec spec() {
        return Options.Spec.of();
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) {
        if (options.positional().size() != 1) {
            return usageError("one FILE, got " + options.positional().size(), err);
        }
        Path file = Path.of(options.positional().get(0));
        PayloadDocument document;
        try {
            document = PayloadDocuments.read(WireJson.MAPPER.readTree(Files.readAllBytes(file)));
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            err.println("gavel payload hash: " + file + ": " + e.getMessage());
            return USAGE;
        }
        Hash32 computed = document.computedHash();
        boolean match = computed.equals(document.declaredHash());
        out.println("file      " + file);
        out.println("format    " + document.format());
        out.println(
                "chain     " + document.family().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        out.println("block     " + document.payload().blockNumber() + " ("
                + document.payload().transactions().size() + " transactions, "
                + document.payload().withdrawals().size() + " withdrawals)");
        out.println("computed  " + computed);
        out.println("declared  " + document.declaredHash());
        out.println("match     " + (match ? "yes" : "NO"));
        return match ? OK : FAILED;
    }
}
