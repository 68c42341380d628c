package dev.gavel.devtools.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark's results: the JSON keys the issue asks for, more detail beside them, and a markdown table. The
 * headline figures are the measured window's, or with a ramp the highest step that held (the first step when none
 * did); every step is listed under {@code ramp}. A figure that could not be taken (no metrics, no database of a
 * target) is null.
 */
record BenchReport(
        BenchOptions options,
        String mode,
        List<LoadWindow> windows,
        Map<String, Double> intakeStageMicros,
        double floorMicrosPerBid,
        long acknowledgedBidsMissingFromDb,
        long unanswered,
        Map<String, Long> rejectedByCode,
        long servicePeakHeapBytes,
        long generatorPeakHeapBytes,
        long servicePeakRssBytes,
        List<LoadBench.HeapAfterGc> heapAfterGc,
        String jvm) {
    private static final double MB = 1024 * 1024;

    /** The window the headline figures are taken from. */
    LoadWindow headline() {
        LoadWindow headline = windows.getFirst();
        for (LoadWindow window : options.ramp().isPresent() ? windows : List.<LoadWindow>of()) {
            if (window.held()) {
                headline = window;
            }
        }
        return headline;
    }

    /** The highest planned rate of a ramp step that held, 0 when none did. */
    double highestRateHeld() {
        return windows.stream()
                .filter(LoadWindow::held)
                .mapToDouble(w -> w.plannedRate(options.blockTime()))
                .max()
                .orElse(0);
    }

    double cpuPerBidOverFloor() {
        double cpu = headline().serviceCpuMicrosPerBid();
        return cpu < 0 || floorMicrosPerBid == 0 ? -1 : cpu / floorMicrosPerBid;
    }

    Map<String, Object> toJson() {
        LoadWindow w = headline();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", mode);
        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("encoding", options.encoding().name().toLowerCase(Locale.ROOT));
        scenario.put("builders", options.builders());
        scenario.put("bids_per_round", w.bidsPerRound);
        scenario.put("payload_bytes", options.payloadBytes());
        scenario.put("block_time_ms", options.blockTime().toMillis());
        scenario.put("duration_s", round(w.wallTime().toMillis() / 1000.0));
        scenario.put("service_heap", options.target().isPresent() ? null : options.serviceHeap());
        json.put("scenario", scenario);
        json.putAll(counts(w));
        json.put("megabytes_per_second", round(w.megabytesPerSecond()));
        json.put("ack_latency_ms", percentiles(w.acks, true));
        json.put("get_payload_latency_ms", percentiles(w.getPayloads, false));
        json.put("winner_delivery_latency_ms", percentiles(w.winnerDeliveries, false));
        json.put("service_cpu_seconds", known(w.serviceCpuSeconds()));
        json.put("service_cpu_us_per_bid", known(w.serviceCpuMicrosPerBid()));
        json.put("intake_stage_wall_us", intakeStageMicros);
        json.put("floor_us_per_bid", round(floorMicrosPerBid));
        json.put("cpu_per_bid_over_floor", known(cpuPerBidOverFloor()));
        json.put("service_peak_heap_mb", megabytes(servicePeakHeapBytes));
        json.put("service_peak_rss_mb", megabytes(servicePeakRssBytes));
        json.put("generator_peak_heap_mb", megabytes(generatorPeakHeapBytes));
        List<Map<String, Object>> afterGc = new ArrayList<>();
        for (LoadBench.HeapAfterGc sample : heapAfterGc) {
            afterGc.add(
                    Map.of("at_s", round(sample.sinceStart().toMillis() / 1000.0), "mb", round(sample.bytes() / MB)));
        }
        json.put("service_heap_after_gc_mb", afterGc);
        if (options.ramp().isPresent()) {
            json.put("ramp", ramp());
        }
        json.put(
                "acknowledged_bids_missing_from_db",
                acknowledgedBidsMissingFromDb < 0 ? null : acknowledgedBidsMissingFromDb);
        json.put("errors", unanswered);
        json.put("rejected_by_code", rejectedByCode);
        json.put("jvm", jvm);
        return json;
    }

    private Map<String, Object> ramp() {
        Map<String, Object> ramp = new LinkedHashMap<>();
        ramp.put("step_s", options.ramp().orElseThrow().step().toSeconds());
        ramp.put("factor", BenchOptions.Ramp.FACTOR);
        ramp.put("held_if", "ack p99 <= " + LoadWindow.HELD_ACK_P99_MILLIS + " ms and >= 95 % acknowledged");
        List<Map<String, Object>> steps = new ArrayList<>();
        for (LoadWindow step : windows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("planned_per_second", round(step.plannedRate(options.blockTime())));
            row.putAll(counts(step));
            row.put("ack_p99_ms", round(step.acks.percentileMillis(0.99)));
            row.put("service_cpu_us_per_bid", known(step.serviceCpuMicrosPerBid()));
            row.put("held", step.held());
            steps.add(row);
        }
        ramp.put("steps", steps);
        ramp.put("highest_rate_held", round(highestRateHeld()));
        return ramp;
    }

    private static Map<String, Object> counts(LoadWindow w) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("offered", w.offered());
        counts.put("acknowledged", w.acknowledged());
        counts.put("shed", w.shed());
        counts.put("late", w.late());
        counts.put("failed", w.failed());
        counts.put("offered_per_second", round(w.offeredPerSecond()));
        counts.put("bids_per_second", round(w.acknowledgedPerSecond()));
        return counts;
    }

    private static Map<String, Object> percentiles(Latencies latencies, boolean withP999) {
        Map<String, Object> percentiles = new LinkedHashMap<>();
        percentiles.put("p50", round(latencies.percentileMillis(0.5)));
        percentiles.put("p99", round(latencies.percentileMillis(0.99)));
        if (withP999) {
            percentiles.put("p999", round(latencies.percentileMillis(0.999)));
        }
        return percentiles;
    }

    String toMarkdown() {
        LoadWindow w = headline();
        return String.join(
                        "\n",
                        "| builders | bids/round | payload | encoding | block time | offered/s | acked/s | shed | late | failed | MB/s"
                                + " | ack p50/p99/p99.9 ms | getPayload p50/p99 ms | winner ws p50/p99 ms | service CPU µs/bid"
                                + " | floor µs/bid | service CPU ÷ floor | service peak heap MB | generator peak heap MB | missing |",
                        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
                        String.format(
                                Locale.ROOT,
                                "| %d | %d | %d KB | %s | %d ms | %.0f | %.0f | %d | %d | %d | %.1f | %.1f / %.1f / %.1f | %.2f / %.2f"
                                        + " | %.1f / %.1f | %s | %.0f | %s | %s | %s | %s |",
                                options.builders(),
                                w.bidsPerRound,
                                options.payloadBytes() / 1024,
                                options.encoding().name().toLowerCase(Locale.ROOT),
                                options.blockTime().toMillis(),
                                w.offeredPerSecond(),
                                w.acknowledgedPerSecond(),
                                w.shed(),
                                w.late(),
                                w.failed(),
                                w.megabytesPerSecond(),
                                w.acks.percentileMillis(0.5),
                                w.acks.percentileMillis(0.99),
                                w.acks.percentileMillis(0.999),
                                w.getPayloads.percentileMillis(0.5),
                                w.getPayloads.percentileMillis(0.99),
                                w.winnerDeliveries.percentileMillis(0.5),
                                w.winnerDeliveries.percentileMillis(0.99),
                                text(w.serviceCpuMicrosPerBid(), "%.0f"),
                                floorMicrosPerBid,
                                text(cpuPerBidOverFloor(), "%.2f"),
                                text(megabytes(servicePeakHeapBytes), "%.0f"),
                                text(megabytes(generatorPeakHeapBytes), "%.0f"),
                                acknowledgedBidsMissingFromDb < 0 ? "—" : Long.toString(acknowledgedBidsMissingFromDb)))
                + "\n";
    }

    private static String text(Double value, String format) {
        return value == null || value < 0 ? "—" : String.format(Locale.ROOT, format, value);
    }

    private static Double megabytes(long bytes) {
        return bytes < 0 ? null : round(bytes / MB);
    }

    private static Double known(double value) {
        return value < 0 ? null : round(value);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
