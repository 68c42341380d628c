package dev.gavel.cli;

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
 * {@code gavel attest verify QUOTE [--collateral DIR|BUNDLE.json] [--at ISO-TIME]
 * [--min-tcb-evaluation-data-number N]}: verifies a TDX quote offline against the pinned Intel root and
 * prints one JSON document. Exit 0 only when the quote is accepted, 1 when it is refused, 2 when it cannot
 * be read.
 */
final class AttestVerifyCommand implements Command {
    private static final String MIN_TCB_EVALUATION_DATA_NUMBER = "--min-tcb-evaluation-data-number";
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Override
    public String name() {
        return "attest verify";
    }

    @Override
    public String usage() {
        return """
                QUOTE [--collateral DIR|BUNDLE.json] [--at ISO-TIME] [--min-tcb-evaluation-data-number N]
                verify a TDX quote offline against the pinned Intel root; prints JSON,
                exit 0 only when accepted (DIR: Intel PCS responses; BUNDLE.json: the one-file
                collateral of dcap-qvl and other verifiers; see README.md)""";
    }

    @Override
    public Options.Spec spec() {
        return Options.Spec.of("--collateral", "--at", MIN_TCB_EVALUATION_DATA_NUMBER);
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) {
        if (options.positional().size() != 1) {
            err.println(
                    "usage: gavel attest verify " + usage().lines().findFirst().orElseThrow());
            return USAGE;
        }
        Path quote = Path.of(options.positional().get(0));
        try {
            Instant at = options.value("--at").map(Instant::parse).orElseGet(Instant::now);
            Optional<Collateral> collateral = options.path("--collateral").isEmpty()
                    ? Optional.empty()
                    : Optional.of(Collateral.load(options.path("--collateral").get()));
            AcceptancePolicy policy = AcceptancePolicy.DEFAULT.withMinimumTcbEvaluationDataNumber(
                    options.integer(MIN_TCB_EVALUATION_DATA_NUMBER, 0));
            DcapVerifier verifier =
                    new DcapVerifier(TrustAnchor.intelSgxRoot(), policy, Clock.fixed(at, ZoneOffset.UTC));
            Verification verification = verifier.verify(Files.readAllBytes(quote), collateral);
            out.println(JSON.writeValueAsString(VerificationReport.of(verification)));
            return verification.accepted() ? OK : FAILED;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | DateTimeParseException e) {
            err.println("gavel attest verify: " + e.getMessage());
            return USAGE;
        }
    }
}
