package dev.gavel.devtools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.cli.Command;
import dev.gavel.cli.Options;
import dev.gavel.devtools.GavelDevTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A short, light `gavel bench` of binary bids: the report has the keys the issue names and every acknowledged bid
 * is in PostgreSQL.
 */
class BenchCommandTest {
    @TempDir
    Path temp;

    @Test
    void aShortRunReportsEveryKeyAndLosesNoBid() throws Exception {
        Path json = temp.resolve("bench.json");
        Path markdown = temp.resolve("bench.md");

        int exit = GavelDevTools.commandLine()
                .run(
                        new String[] {
                            "bench",
                            "--builders",
                            "3",
                            "--bids-per-round",
                            "2",
                            "--payload-size",
                            "4KB",
                            "--duration",
                            "3s",
                            "--warmup",
                            "1s",
                            "--encoding",
                            "binary",
                            "--json",
                            json.toString(),
                            "--markdown",
                            markdown.toString()
                        },
                        new PrintStream(new ByteArrayOutputStream()),
                        System.err);

        assertThat(exit).isEqualTo(Command.OK);
        JsonNode report = WireJson.MAPPER.readTree(Files.readString(json));
        assertThat(report.get("bids_per_second").asDouble())
                .as("3 builders × 2 bids per 1 s round")
                .isBetween(4.5, 7.0);
        for (String quantile : new String[] {"p50", "p99", "p999"}) {
            assertThat(report.get("ack_latency_ms").get(quantile).asDouble()).isPositive();
        }
        assertThat(report.get("get_payload_latency_ms").get("p99").asDouble()).isPositive();
        assertThat(report.get("cpu_per_bid_over_floor").asDouble()).isPositive();
        assertThat(report.get("acknowledged_bids_missing_from_db").asLong()).isZero();
        assertThat(report.get("errors").asLong()).isZero();
        assertThat(Files.readString(markdown, StandardCharsets.UTF_8))
                .startsWith("| builders | bids/round |")
                .contains("| 3 | 2 | 4 KB | binary | 1000 ms |");
        assertThat(report.get("scenario").get("encoding").asString()).isEqualTo("binary");
    }

    @Test
    void durationsAndSizesParseAsWritten() {
        BenchOptions options = BenchOptions.from(Options.parse(
                new String[] {"--payload-size", "16KB", "--block-time", "500ms", "--duration", "2m"},
                BenchOptions.SPEC));

        assertThat(options.payloadBytes()).isEqualTo(16 * 1024);
        assertThat(options.blockTime()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.encoding()).as("the default").isEqualTo(BidEncoding.JSON);
        for (String[] wrong : new String[][] {{"bench", "--builders", "0"}, {"bench", "--encoding", "rlp"}}) {
            assertThat(GavelDevTools.commandLine().run(wrong, System.out, new PrintStream(new ByteArrayOutputStream())))
                    .as(String.join(" ", wrong))
                    .isEqualTo(Command.USAGE);
        }
    }
}
