package dev.gavel.devtools.bench.orderflow;

import dev.gavel.devtools.bench.Latencies;
import dev.gavel.primitives.Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The orderflow bench's results: what was offered and accepted, what the channel published, the service's count
 * of builders it cut off, and per builder what it received, missed and how fast (send → receipt, the same
 * clock); the fast builders' latencies also taken together. JSON and a markdown table.
 */
record OrderflowReport(
        OrderflowOptions options,
        Duration sending,
        long accepted,
        long errors,
        String firstError,
        double senderMaxLagMillis,
        Latencies engineAnswers,
        long published,
        long serviceCutOffs,
        List<BuilderResult> builders) {

    record BuilderResult(
            Address builder, boolean slow, Deliveries.Tally tally, Latencies latencies, Latencies fromPublication) {}

    double offeredPerSecond() {
        return accepted / (sending.toNanos() / 1e9);
    }

    List<BuilderResult> fast() {
        return builders.stream().filter(b -> !b.slow()).toList();
    }

    /** Every fast builder's delivery latencies as one distribution. */
    Latencies fastLatencies() {
        return fast(BuilderResult::latencies);
    }

    private Latencies fast(Function<BuilderResult, Latencies> which) {
        Latencies all = new Latencies();
        fast().forEach(b -> which.apply(b).forEach(all::record));
        return all;
    }

    /**
     * What must hold whatever the machine's speed: every transaction accepted and published once, every fast
     * builder got every message exactly once and was never closed. (The slow builder's own count of closes can lag
     * the service's: a cut-off builder sees its close only once it has read what was sent before it.) Empty when
     * all holds, else what did not.
     */
    List<String> inconsistencies() {
        List<String> wrong = new ArrayList<>();
        if (errors > 0 || accepted != options.transactions()) {
            wrong.add(accepted + " of " + options.transactions() + " transactions accepted, " + errors
                    + " errors (first: " + firstError + ")");
        }
        if (published != accepted) {
            wrong.add("the channel published " + published + " messages for " + accepted + " transactions");
        }
        for (BuilderResult b : fast()) {
            Deliveries.Tally t = b.tally();
            if (t.received() != published || t.missed() + t.unread() + t.repeats() + t.closes() + t.unknown() > 0) {
                wrong.add("fast builder " + b.builder() + ": " + t);
            }
        }
        return wrong;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "scenario",
                Map.of(
                        "builders", options.builders(),
                        "rate_tx_per_second", options.rate(),
                        "batch", options.batch(),
                        "calldata_bytes", options.calldataBytes(),
                        "duration_s", options.duration().toSeconds(),
                        "warmup_s", options.warmup().toSeconds(),
                        "slow_read_delay_ms", options.slowReadDelay().toNanos() / 1e6));
        json.put("offered_tx_per_second", round(offeredPerSecond()));
        json.put("transactions_accepted", accepted);
        json.put("errors", errors);
        json.put("sender_max_lag_ms", round(senderMaxLagMillis));
        json.put("engine_answer_latency_ms", percentiles(engineAnswers));
        json.put("published", published);
        json.put("service_dropped_subscribers", serviceCutOffs);
        json.put("fast_delivery_latency_ms", percentiles(fastLatencies()));
        json.put("fast_publication_to_receipt_ms", percentiles(fast(BuilderResult::fromPublication)));
        json.put(
                "fast_missed",
                fast().stream().mapToLong(b -> b.tally().missed()).sum());
        json.put("builders", builders.stream().map(OrderflowReport::builderJson).toList());
        json.put("inconsistencies", inconsistencies());
        return json;
    }

    private static Map<String, Object> builderJson(BuilderResult b) {
        Deliveries.Tally t = b.tally();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("builder", b.builder().toHex());
        json.put("slow", b.slow());
        json.put("received", t.received());
        json.put("missed", t.missed());
        json.put("unread_at_end", t.unread());
        json.put("repeats", t.repeats());
        json.put("gap_notices", t.gapNotices());
        json.put("closed", t.closes());
        json.put("closed_too_slow", t.tooSlowCloses());
        json.put("delivery_latency_ms", percentiles(b.latencies()));
        json.put("publication_to_receipt_ms", percentiles(b.fromPublication()));
        return json;
    }

    String toMarkdown() {
        StringBuilder table = new StringBuilder(
                "| builder | received | missed | unread at end | closed | delivery p50 / p99 / max ms |\n"
                        + "|---|---|---|---|---|---|\n");
        for (BuilderResult b : builders) {
            Deliveries.Tally t = b.tally();
            table.append(String.format(
                    "| %s%s | %d | %d | %d | %d | %.2f / %.2f / %.2f |%n",
                    b.builder().toHex().substring(0, 10),
                    b.slow() ? " (slow)" : "",
                    t.received(),
                    t.missed(),
                    t.unread(),
                    t.closes(),
                    b.latencies().percentileMillis(0.5),
                    b.latencies().percentileMillis(0.99),
                    b.latencies().percentileMillis(1)));
        }
        Latencies fast = fastLatencies();
        table.append(String.format(
                "| fast builders together | | %d | | | %.2f / %.2f / %.2f |%n",
                fast().stream().mapToLong(b -> b.tally().missed()).sum(),
                fast.percentileMillis(0.5),
                fast.percentileMillis(0.99),
                fast.percentileMillis(1)));
        return table.toString();
    }

    private static Map<String, Object> percentiles(Latencies latencies) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", latencies.count());
        json.put("p50", round(latencies.percentileMillis(0.5)));
        json.put("p99", round(latencies.percentileMillis(0.99)));
        json.put("max", round(latencies.percentileMillis(1)));
        return json;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
