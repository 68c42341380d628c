package dev.gavel.service.cli;

import dev.gavel.bidding.block.PayloadDocuments;
import dev.gavel.bidding.block.PayloadDocuments.PayloadDocument;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.primitives.Hash32;
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
public final class PayloadHashCommand {
    public static final int MATCH = 0;
    public static final int MISMATCH = 1;
    public static final int UNREADABLE = 2;

    private PayloadHashCommand() {}

    public static int run(Path file, PrintStream out, PrintStream err) {
        PayloadDocument document;
        try {
            document = PayloadDocuments.read(WireJson.MAPPER.readTree(Files.readAllBytes(file)));
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            err.println("gavel payload hash: " + file + ": " + e.getMessage());
            return UNREADABLE;
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
        return match ? MATCH : MISMATCH;
    }
}
