package dev.gavel.devtools.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.cli.Command;
import dev.gavel.devtools.GavelDevTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** `gavel devnet --blocks N` runs the whole system and its summary adds up: nothing lost, everything paid once. */
class DevnetCommandTest {
    @TempDir
    Path temp;

    @Test
    void aShortDevnetRunSettlesEveryCanonicalWinOnce() throws Exception {
        Path summaryFile = temp.resolve("summary.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = GavelDevTools.commandLine()
                .run(
                        new String[] {
                            "devnet",
                            "--blocks",
                            "4",
                            "--builders",
                            "3",
                            "--invalid-share",
                            "0.3",
                            "--summary-json",
                            summaryFile.toString()
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        System.err);

        assertThat(exit).isEqualTo(Command.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("block 1004  bids ");
        JsonNode summary = WireJson.MAPPER.readTree(Files.readString(summaryFile));
        assertThat(summary.get("blocks").asLong()).isEqualTo(4);
        assertThat(summary.get("rounds_with_winner").asLong()).isPositive();
        long rejected = 0;
        for (JsonNode count : summary.get("bids_rejected_by_reason")) {
            rejected += count.asLong();
        }
        assertThat(summary.get("bids_rejected_by_reason").has("PAYLOAD_MISMATCH"))
                .as("the invalid bids were caught")
                .isTrue();
        assertThat(summary.get("bids_accepted").asLong() + rejected)
                .isEqualTo(summary.get("bids_submitted").asLong());
        assertThat(summary.get("acknowledged_bids_missing_from_db").asLong()).isZero();
        assertThat(summary.get("outcomes_settled").asLong())
                .isEqualTo(summary.get("outcomes_payable").asLong())
                .isPositive();
        assertThat(summary.get("wei_charged").bigIntegerValue())
                .isEqualTo(summary.get("wei_expected").bigIntegerValue())
                .isPositive();
        assertThat(summary.get("double_charges").asLong()).isZero();
    }

    @Test
    void badOptionsAreAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = GavelDevTools.commandLine()
                .run(
                        new String[] {"devnet", "--builders", "0"},
                        System.out,
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(Command.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1-16 builders", "usage: gavel devnet");
    }
}
