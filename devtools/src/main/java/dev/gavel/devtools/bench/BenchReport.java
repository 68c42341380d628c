package dev.gavel.devtools.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A benchmark's results: the JSON keys the issue asks for, more detail beside them, and a markdown table. */
record BenchReport(
        BenchOptions options,
        long acknowledgedBids,
        Duration measured,
        long acceptedBytes,
        Latencies acks,
        Latencies getPayloads,
        Latencies winnerDeliveries,
        double intakeMicrosPerBid,
        Map<String, Double> intakeStageMicros,
        double floorMicrosPerBid,
        long acknowledgedBidsMissingFromDb,
        long errors,
        Map<String, Long> rejectedByCode,
        long peakRssBytes,
        String jvm) {

    double bidsPerSecond() {
        return acknowledgedBids / (measured.toMillis() / 1000.0);
    }

    double megabytesPerSecond() {
        return acceptedBytes / 1e6 / (measured.toMillis() / 1000.0);
    }

    double cpuPerBidOverFloor() {
        return floorMicrosPerBid == 0 ? 0 : intakeMicrosPerBid / floorMicrosPerBid;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "scenario",
                Map.of(
                        "encoding",
                        options.encoding().name().toLowerCase(Locale.ROOT),
                        "builders",
                        options.builders(),
                        "bids_per_round",
                        options.bidsPerRound(),
                        "payload_bytes",
                        options.payloadBytes(),
                        "block_time_ms",
                        options.blockTime().toMillis(),
                        "duration_s",
                        measured.toSeconds()));
        json.put("bids_per_second", round(bidsPerSecond()));
        json.put("megabytes_per_second", round(megabytesPerSecond()));
        json.put(
                "ack_latency_ms",
                Map.of(
                        "p50",
                        round(acks.percentileMillis(0.5)),
                        "p99",
                        round(acks.percentileMillis(0.99)),
                        "p999",
                        round(acks.percentileMillis(0.999))));
        json.put(
                "get_payload_latency_ms",
                Map.of(
                        "p50",
                        round(getPayloads.percentileMillis(0.5)),
                        "p99",
                        round(getPayloads.percentileMillis(0.99))));
        json.put(
                "winner_delivery_latency_ms",
                Map.of(
                        "p50",
                        round(winnerDeliveries.percentileMillis(0.5)),
                        "p99",
                        round(winnerDeliveries.percentileMillis(0.99))));
        json.put("intake_cpu_us_per_bid", round(intakeMicrosPerBid));
        json.put("intake_stage_wall_us", intakeStageMicros);
        json.put("floor_us_per_bid", round(floorMicrosPerBid));
        json.put("cpu_per_bid_over_floor", round(cpuPerBidOverFloor()));
        json.put("acknowledged_bids_missing_from_db", acknowledgedBidsMissingFromDb);
        json.put("errors", errors);
        json.put("rejected_by_code", rejectedByCode);
        json.put("peak_rss_mb", peakRssBytes < 0 ? -1 : peakRssBytes / (1024 * 1024));
        json.put("jvm", jvm);
        return json;
    }

    String toMarkdown() {
        return String.join(
                        "\n",
                        "| builders | bids/round | payload | encoding | block time | bids/s | MB/s | ack p50/p99/p99.9 ms | getPayload p50/p99 ms | winner ws p50/p99 ms"
                                + " | intake CPU µs/bid | floor µs/bid | intake ÷ floor | missing | errors | peak RSS MB |",
                        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
                        String.format(
                                "| %d | %d | %d KB | %s | %d ms | %.0f | %.1f | %.1f / %.1f / %.1f | %.2f / %.2f | %.1f / %.1f | %.0f | %.0f | %.2f | %d | %d | %d |",
                                options.builders(),
                                options.bidsPerRound(),
                                options.payloadBytes() / 1024,
                                options.encoding().name().toLowerCase(Locale.ROOT),
                                options.blockTime().toMillis(),
                                bidsPerSecond(),
                                megabytesPerSecond(),
                                acks.percentileMillis(0.5),
                                acks.percentileMillis(0.99),
                                acks.percentileMillis(0.999),
                                getPayloads.percentileMillis(0.5),
                                getPayloads.percentileMillis(0.99),
                                winnerDeliveries.percentileMillis(0.5),
                                winnerDeliveries.percentileMillis(0.99),
                                intakeMicrosPerBid,
                                floorMicrosPerBid,
                                cpuPerBidOverFloor(),
                                acknowledgedBidsMissingFromDb,
                                errors,
                                peakRssBytes < 0 ? -1 : peakRssBytes / (1024 * 1024)))
                + "\n";
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
