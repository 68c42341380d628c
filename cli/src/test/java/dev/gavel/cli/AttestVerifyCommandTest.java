package dev.gavel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.attestation.testing.AttestationFixtures;
import dev.gavel.fixtures.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AttestVerifyCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void theOpRbuilderQuoteReportsItsIdentityButIsNotAcceptedWithoutCollateral() {
        int exit = run(Fixtures.path("tdx/op-rbuilder-test-quote.bin").toString(), "--at", "2026-01-01T00:00:00Z");
        JsonNode report = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(Command.FAILED);
        assertThat(report.get("workloadId").asString())
                .isEqualTo("0x952569f637f3f7e36cd8f5a7578ae4d03a1cb05ddaf33b35d3054464bb1c862e");
        assertThat(report.get("teeAddress").asString()).isEqualTo("0x41ad2bc63a2059f9b623533d87fe99887d794847");
        assertThat(report.get("fmspc").asString()).isEqualTo("b0c06f000000");
        assertThat(report.get("pckChain")).hasSize(3);
        assertThat(report.get("fields").get("MRTD").asString()).startsWith("0x");
        assertThat(report.get("verdict").asString()).isEqualTo("rejected");
        assertThat(report.get("reason").asString()).contains("no collateral");
    }

    @Test
    void sprE4IsRejectedForItsTcbLevel() {
        String dir = Fixtures.path("tdx/go-tdx-guest").toString();
        int exit = run(dir + "/tdx_prod_quote_SPR_E4.dat", "--collateral", dir, "--at", "2023-07-01T00:00:00Z");

        assertThat(exit).isEqualTo(Command.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"reason\" : \"TCB_LEVEL: no TCB level matches");
    }

    @Test
    void aCollateralBundleFileVerifiesAsItsDirectoryAndTheReportShowsTheModule(@TempDir Path directory)
            throws Exception {
        String fixtures = Fixtures.path("tdx/go-tdx-guest").toString();
        Path bundle = directory.resolve("collateral.json");
        Files.write(bundle, AttestationFixtures.bundle2023());
        String quote = fixtures + "/tdx_prod_quote_SPR_E4.dat";

        int exit = run(quote, "--collateral", bundle.toString(), "--at", "2023-07-01T00:00:00Z");
        String fromBundle = out.toString(StandardCharsets.UTF_8);
        out.reset();
        run(quote, "--collateral", fixtures, "--at", "2023-07-01T00:00:00Z");
        JsonNode report = JsonMapper.builder().build().readTree(fromBundle);

        assertThat(exit).isEqualTo(Command.FAILED);
        assertThat(fromBundle).isEqualTo(out.toString(StandardCharsets.UTF_8));
        assertThat(report.get("tcbEvaluationDataNumber").asInt()).isEqualTo(15);
        assertThat(report.get("tdxModule").get("version").asInt()).isZero();
        assertThat(report.get("tdxModule").get("identity").asString()).isEqualTo("tdxModule");
        assertThat(report.get("convergence"))
                .as("no SGX TCB level to converge from")
                .isEmpty();
        assertThat(report.get("reason").asString())
                .startsWith("TCB_LEVEL: no TCB level matches the PCK: SGX components [3, 3, 2, 2, 2, 1, 0, 2,");
        assertThat(report.get("checks").findValuesAsString("check")).contains("TDX_MODULE", "SERVICE_TD");
    }

    @Test
    void aMinimumTcbEvaluationDataNumberIsEnforced() {
        String dir = Fixtures.path("tdx/go-tdx-guest").toString();
        run(
                dir + "/tdx_prod_quote_SPR_E4.dat",
                "--collateral",
                dir,
                "--at",
                "2023-07-01T00:00:00Z",
                "--min-tcb-evaluation-data-number",
                "16");

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("TCB info 15, QE identity 15: the policy requires at least 16");
    }

    @Test
    void badUsageSaysWhatIsWrong() {
        assertThat(run("--at", "yesterday", "q.bin")).isEqualTo(Command.USAGE);
        assertThat(run()).isEqualTo(Command.USAGE);
        assertThat(run("/nonexistent/quote.bin")).isEqualTo(Command.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("yesterday")
                .contains("usage:")
                .contains("/nonexistent/quote.bin");
    }

    private int run(String... args) {
        return Gavel.commandLine()
                .run(
                        Stream.concat(Stream.of("attest", "verify"), Arrays.stream(args))
                                .toArray(String[]::new),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
