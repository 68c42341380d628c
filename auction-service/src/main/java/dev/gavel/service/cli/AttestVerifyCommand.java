package dev.gavel.service.cli;

import dev.gavel.attestation.collateral.Collateral;
import dev.gavel.attestation.pki.TrustAnchor;
import dev.gavel.attestation.verify.AcceptancePolicy;
import dev.gavel.attestation.verify.DcapVerifier;
import dev.gavel.attestation.verify.Verification;
import dev.gavel.attestation.verify.VerificationReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code gavel attest verify QUOTE [--collateral DIR] [--at ISO-TIME]}: verifies a TDX quote offline
 * against the pinned Intel root and prints one JSON document. Exit 0 only when the quote is accepted.
 */
public final class AttestVerifyCommand {
    public static final int ACCEPTED = 0;
    public static final int REJECTED = 1;
    public static final int USAGE = 2;
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private AttestVerifyCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path quote = null;
        Path collateralDir = null;
        Instant at = Instant.now();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--collateral" -> collateralDir = Path.of(args[++i]);
                    case "--at" -> at = Instant.parse(args[++i]);
                    default -> quote = quote == null ? Path.of(args[i]) : fail("one quote at a time: " + args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | DateTimeParseException | IllegalArgumentException e) {
            err.println(
                    "gavel attest verify: " + (e.getMessage() == null ? "an option lacks its value" : e.getMessage()));
            return USAGE;
        }
        if (quote == null) {
            err.println("usage: gavel attest verify QUOTE [--collateral DIR] [--at ISO-TIME]");
            return USAGE;
        }
        try {
            Optional<Collateral> collateral =
                    collateralDir == null ? Optional.empty() : Optional.of(Collateral.load(collateralDir));
            DcapVerifier verifier = new DcapVerifier(
                    TrustAnchor.intelSgxRoot(), AcceptancePolicy.DEFAULT, Clock.fixed(at, ZoneOffset.UTC));
            Verification verification = verifier.verify(Files.readAllBytes(quote), collateral);
            out.println(JSON.writeValueAsString(VerificationReport.of(verification)));
            return verification.accepted() ? ACCEPTED : REJECTED;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            err.println("gavel attest verify: " + e.getMessage());
            return USAGE;
        }
    }

    private static Path fail(String message) {
        throw new IllegalArgumentException(message);
    }
}
