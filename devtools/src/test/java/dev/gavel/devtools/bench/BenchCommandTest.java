package dev.gavel.devtools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.cli.Command;
import dev.gavel.cli.Options;
import dev.gavel.devtools.GavelDevTools;
import dev.gavel.devtools.inprocess.InProcessGavel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Short, light `gavel bench` runs of binary bids: against a Gavel in a JVM of its own, against a target it did not
 * start, and a ramp; each report has the keys the issue names, and every bid offered is accounted for once.
 */
class BenchCommandTest {
    private static final String[] LIGHT_LOAD = {
        "--builders", "3", "--bids-per-round", "2", "--payload-size", "4KB", "--encoding", "binary"
    };

    @TempDir
    Path temp;

    @Test
    void aRunAgainstItsOwnServiceProcessReportsTheServiceApartAndLosesNoBid() throws Exception {
        Path markdown = temp.resolve("bench.md");

        JsonNode report = bench(
                "--duration",
                "3s",
                "--warmup",
                "1s",
                "--service-heap",
                "384m",
                "--heap-after-gc",
                "1s",
                "--markdown",
                markdown.toString());

        assertThat(report.get("mode").asString()).isEqualTo("separate-process");
        assertAccountedFor(report);
        assertThat(report.get("offered").asLong())
                .as("3 rounds of 3 builders × 2 bids")
                .isEqualTo(18);
        assertThat(report.get("acknowledged").asLong()).isPositive();
        double seconds = report.get("scenario").get("duration_s").asDouble();
        assertThat(seconds).as("3 rounds of 1 s and their answers").isGreaterThanOrEqualTo(2.9);
        assertThat(report.get("bids_per_second").asDouble())
                .as("acknowledged over the window's wall time")
                .isCloseTo(report.get("acknowledged").asLong() / seconds, within(0.1));
        assertThat(report.get("offered_per_second").asDouble())
                .isCloseTo(report.get("offered").asLong() / seconds, within(0.1));
        for (String quantile : new String[] {"p50", "p99", "p999"}) {
            assertThat(report.get("ack_latency_ms").get(quantile).asDouble()).isPositive();
        }
        assertThat(report.get("get_payload_latency_ms").get("p99").asDouble()).isPositive();
        assertThat(report.get("service_cpu_seconds").asDouble()).isPositive();
        assertThat(report.get("cpu_per_bid_over_floor").asDouble()).isPositive();
        assertThat(report.get("service_peak_heap_mb").asDouble())
                .as("the service's own heap, within its -Xmx")
                .isPositive()
                .isLessThan(384);
        assertThat(report.get("service_peak_rss_mb").asDouble()).isPositive();
        assertThat(report.get("generator_peak_heap_mb").asDouble()).isPositive();
        assertThat(report.get("service_heap_after_gc_mb"))
                .as("a GC forced every second")
                .hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode sample : report.get("service_heap_after_gc_mb")) {
            assertThat(sample.get("mb").asDouble()).isPositive().isLessThan(384);
        }
        assertThat(report.get("acknowledged_bids_missing_from_db").asLong()).isZero();
        assertThat(report.get("errors").asLong()).isZero();
        assertThat(Files.readString(markdown, StandardCharsets.UTF_8))
                .startsWith("| builders | bids/round |")
                .contains("| 3 | 6 | 4 KB | binary | 1000 ms |");
        assertThat(report.get("scenario").get("encoding").asString()).isEqualTo("binary");
    }

    @Test
    void aTargetItDidNotStartTakesTheLoadWhenStartedWithTheWrittenSettings() throws Exception {
        String[] load = {"--duration", "2s", "--warmup", "1s"};
        try (InProcessGavel gavel = targetStartedWithSettingsOf(load)) {
            JsonNode report = bench(concat(load, targetOptions(gavel)));

            assertThat(report.get("mode").asString()).isEqualTo("target");
            assertAccountedFor(report);
            assertThat(report.get("offered").asLong()).isEqualTo(12);
            assertThat(report.get("acknowledged").asLong())
                    .as("the target admits the bench's builders")
                    .isPositive();
            assertThat(report.get("service_cpu_seconds").asDouble())
                    .as("read from the target's management port")
                    .isPositive();
            assertThat(report.get("service_peak_heap_mb").asDouble()).isPositive();
            assertThat(report.get("acknowledged_bids_missing_from_db").isNull())
                    .as("not checked: the bench has no access to a target's database")
                    .isTrue();
            assertThat(acceptedBidsIn(gavel))
                    .as("every acknowledged bid (warm-up included) is in the target's PostgreSQL")
                    .isGreaterThanOrEqualTo(report.get("acknowledged").asLong());
        }
    }

    @Test
    void aRampRaisesTheOfferedRateUntilItStopsHoldingOrReachesItsMaximum() throws Exception {
        String[] load = {
            "--ramp",
            "--ramp-step",
            "1s",
            "--ramp-max-rate",
            "4",
            "--builders",
            "2",
            "--bids-per-round",
            "1",
            "--warmup",
            "1s"
        };
        try (InProcessGavel gavel = targetStartedWithSettingsOf(load)) {
            JsonNode report = bench(concat(load, targetOptions(gavel)));

            JsonNode steps = report.get("ramp").get("steps");
            List<Double> planned = new ArrayList<>();
            double highestHeld = 0;
            for (int i = 0; i < steps.size(); i++) {
                JsonNode step = steps.get(i);
                assertAccountedFor(step);
                planned.add(step.get("planned_per_second").asDouble());
                if (step.get("held").asBoolean()) {
                    highestHeld = step.get("planned_per_second").asDouble();
                } else {
                    assertThat(i)
                            .as("the ramp stops at the first step that does not hold")
                            .isEqualTo(steps.size() - 1);
                }
            }
            assertThat(planned)
                    .as("2 builders × 1 bid a second, then ×1.25 (at least one bid more) up to 4 a second")
                    .isSubsetOf(2.0, 3.0, 4.0)
                    .startsWith(2.0)
                    .isSorted();
            assertThat(report.get("ramp").get("highest_rate_held").asDouble()).isEqualTo(highestHeld);
            if (steps.size() == 3 && steps.get(2).get("held").asBoolean()) {
                assertThat(highestHeld).as("every step held: the maximum").isEqualTo(4.0);
            }
        }
    }

    @Test
    void serviceMetricsAreReadFromThePrometheusExposition() throws Exception {
        String exposition = """
                # HELP process_cpu_time_seconds_total The "cpu time" used by the Java Virtual Machine process
                process_cpu_time_seconds_total 12.5
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
                """;

        ServiceMetrics.Reading reading = ServiceMetrics.parse(exposition);

        assertThat(reading.cpuNanos()).isEqualTo(12_500_000_000L);
        assertThat(reading.heapUsedBytes())
                .as("the heap's pools, not metaspace")
                .isEqualTo(12_582_912L);
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
        assertThat(options.serviceHeap()).as("the default").isEqualTo("1g");
        for (String[] wrong : new String[][] {
            {"bench", "--builders", "0"},
            {"bench", "--encoding", "rlp"},
            {"bench", "--engine-url", "http://127.0.0.1:8551"},
            {"bench", "--target", "http://127.0.0.1:8080"},
            {"bench", "--service-heap", "lots"},
            {"bench", "--ramp", "--bids-per-round", "64", "--ramp-max-rate", "100"},
            {"bench", "--target", "localhost:8080", "--engine-url", "http://127.0.0.1:8551", "--jwt-secret", "j"}
        }) {
            assertThat(GavelDevTools.commandLine().run(wrong, System.out, new PrintStream(new ByteArrayOutputStream())))
                    .as(String.join(" ", wrong))
                    .isEqualTo(Command.USAGE);
        }
    }

    /** Every bid offered ended exactly one way. */
    private static void assertAccountedFor(JsonNode window) {
        assertThat(window.get("offered").asLong())
                .as("offered = acknowledged + shed + late + failed")
                .isEqualTo(window.get("acknowledged").asLong()
                        + window.get("shed").asLong()
                        + window.get("late").asLong()
                        + window.get("failed").asLong())
                .isPositive();
    }

    /** Runs `gavel bench` on the light load with {@code options}; its JSON report. */
    private JsonNode bench(String... options) throws Exception {
        Path json = Files.createTempFile(temp, "bench", ".json");
        int exit = GavelDevTools.commandLine()
                .run(
                        concat(concat(new String[] {"bench"}, LIGHT_LOAD), concat(options, "--json", json.toString())),
                        new PrintStream(new ByteArrayOutputStream()),
                        System.err);
        assertThat(exit).isEqualTo(Command.OK);
        return WireJson.MAPPER.readTree(Files.readString(json));
    }

    /** A Gavel started as an operator would for the bench: with the settings `--write-service-settings` wrote for {@code load}. */
    private InProcessGavel targetStartedWithSettingsOf(String[] load) throws Exception {
        Path settings = temp.resolve("bench-service.properties");
        int exit = GavelDevTools.commandLine()
                .run(
                        concat(
                                concat(new String[] {"bench"}, LIGHT_LOAD),
                                concat(load, "--write-service-settings", settings.toString())),
                        new PrintStream(new ByteArrayOutputStream()),
                        System.err);
        assertThat(exit).isEqualTo(Command.OK);
        return InProcessGavel.start(
                temp.resolve("target"), List.of("--spring.config.additional-location=file:" + settings));
    }

    private String[] targetOptions(InProcessGavel gavel) {
        return new String[] {
            "--target", gavel.http().toString(),
            "--engine-url", gavel.engineUri().toString(),
            "--jwt-secret", temp.resolve("target").resolve("jwt.hex").toString(),
            "--management-url", gavel.management().toString()
        };
    }

    private static long acceptedBidsIn(InProcessGavel gavel) throws Exception {
        try (Connection connection = gavel.database().getConnection();
                ResultSet count = connection
                        .createStatement()
                        .executeQuery("select count(*) from bids where status = 'accepted'")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static String[] concat(String[] first, String... second) {
        return Stream.concat(Stream.of(first), Stream.of(second)).toArray(String[]::new);
    }
}
