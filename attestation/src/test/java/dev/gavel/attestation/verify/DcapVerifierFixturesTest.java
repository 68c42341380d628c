package dev.gavel.attestation.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.attestation.quote.QuoteParser;
import dev.gavel.attestation.quote.TdxQuote;
import dev.gavel.attestation.testing.AttestationFixtures;
import dev.gavel.attestation.workload.ReportDataBinding;
import dev.gavel.attestation.workload.WorkloadId;
import dev.gavel.fixtures.Fixtures;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The facts of the fixtures README, reproduced. */
class DcapVerifierFixturesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theOpRbuilderQuoteVerifiesEverySignatureToThePinnedRoot() {
        Verification verification = AttestationFixtures.verifierAt(AttestationFixtures.OP_RBUILDER_TIME)
                .verify(AttestationFixtures.OP_RBUILDER_QUOTE, Optional.empty());

        for (Check check : List.of(
                Check.PARSE,
                Check.HEADER,
                Check.PCK_CHAIN,
                Check.PCK_EXTENSION,
                Check.QE_REPORT_SIGNATURE,
                Check.ATTESTATION_KEY_BINDING,
                Check.QUOTE_SIGNATURE,
                Check.DEBUG)) {
            assertThat(verification.result(check))
                    .as(check.name())
                    .hasValueSatisfying(result ->
                            assertThat(result.outcome()).as(result.reason()).isEqualTo(CheckResult.Outcome.PASS));
        }
        assertThat(HEX.formatHex(verification.pckExtension().fmspc().toArray())).isEqualTo("b0c06f000000");
        assertThat(verification.accepted())
                .as("without collateral the TCB status is unknown")
                .isFalse();
        assertThat(verification.firstProblem())
                .hasValueSatisfying(p -> assertThat(p.reason()).contains("no collateral"));
    }

    @Test
    void theOpRbuilderQuoteHasTheWorkloadIdAndReportDataOfTheReadme() throws Exception {
        TdxQuote quote = QuoteParser.parse(AttestationFixtures.OP_RBUILDER_QUOTE);
        ReportDataBinding binding = ReportDataBinding.of(quote.report().reportData());

        assertThat(WorkloadId.of(quote.report()).value().toHex())
                .isEqualTo("0x952569f637f3f7e36cd8f5a7578ae4d03a1cb05ddaf33b35d3054464bb1c862e");
        assertThat(binding.teeAddress().toHex()).isEqualTo("0x41ad2bc63a2059f9b623533d87fe99887d794847");
        assertThat(binding.registrationDataHash().toHex())
                .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(quote.report().debug()).isFalse();
    }

    @Test
    void sprE4WithIts2023CollateralIsRejectedBecauseNoTcbLevelMatches() {
        Verification verification = AttestationFixtures.verifierAt(AttestationFixtures.COLLATERAL_2023_TIME)
                .verify(AttestationFixtures.SPR_E4_QUOTE, AttestationFixtures.collateral2023());

        for (Check check : List.of(
                Check.HEADER,
                Check.PCK_CHAIN,
                Check.PCK_REVOCATION,
                Check.PCK_EXTENSION,
                Check.QE_REPORT_SIGNATURE,
                Check.ATTESTATION_KEY_BINDING,
                Check.QUOTE_SIGNATURE,
                Check.COLLATERAL_SIGNATURES,
                Check.COLLATERAL_FRESHNESS,
                Check.QE_IDENTITY,
                Check.TCB_INFO_MATCH)) {
            assertThat(verification.result(check))
                    .as(check.name())
                    .hasValueSatisfying(result ->
                            assertThat(result.outcome()).as(result.reason()).isEqualTo(CheckResult.Outcome.PASS));
        }
        assertThat(verification.result(Check.QE_IDENTITY).orElseThrow().reason())
                .contains("UpToDate");
        assertThat(verification.accepted()).isFalse();
        assertThat(verification.firstProblem()).hasValueSatisfying(problem -> {
            assertThat(problem.check()).isEqualTo(Check.TCB_LEVEL);
            assertThat(problem.reason()).startsWith("no TCB level matches");
        });
        assertThat(HEX.formatHex(verification.quote().report().mrTd()))
                .startsWith("6363b804")
                .endsWith("d7215cbb");
        assertThat(HEX.formatHex(verification.pckExtension().fmspc().toArray())).isEqualTo("50806f000000");
    }

    @Test
    void expiredCollateralIsRefused() {
        Verification verification = AttestationFixtures.verifierAt(Instant.parse("2023-08-01T00:00:00Z"))
                .verify(AttestationFixtures.SPR_E4_QUOTE, AttestationFixtures.collateral2023());

        assertThat(verification.accepted()).isFalse();
        assertThat(verification.result(Check.COLLATERAL_FRESHNESS))
                .hasValueSatisfying(result -> assertThat(result.reason()).contains("expired"));
        assertThat(verification.result(Check.PCK_REVOCATION))
                .hasValueSatisfying(result -> assertThat(result.reason()).contains("not current"));
    }

    @Test
    void thePaddedCos113QuoteAndTheV5SampleParse() throws Exception {
        TdxQuote cos = QuoteParser.parse(Fixtures.bytes("tdx/go-tdx-guest/cos-113-tdx-quote.dat"));
        TdxQuote v5 = QuoteParser.parse(Fixtures.bytes("tdx/go-tdx-guest/quote_v5_sample.dat"));

        assertThat(cos.version()).isEqualTo(4);
        assertThat(cos.report().reportData()).containsOnly(0);
        assertThat(v5.version()).isEqualTo(5);
        assertThat(v5.bodyType()).isEqualTo(3);
        assertThat(v5.report().mrServiceTd()).hasSize(48);
        assertThat(v5.signedBytes()).hasSize(48 + 6 + 648);
    }
}
