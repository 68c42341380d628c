package dev.gavel.devtools.bench;

import dev.gavel.simulation.Http11;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The service's own CPU time and heap, read from its management port ({@code /actuator/prometheus}: Micrometer's
 * {@code process.cpu.time} and {@code jvm.memory.used} of the heap's pools), so they are the service's whatever
 * else runs on the machine.
 */
final class ServiceMetrics {
    private final URI prometheus;
    private final HttpClient http = Http11.client();

    ServiceMetrics(URI management) {
        this.prometheus = management.resolve("/actuator/prometheus");
    }

    /** One reading of both. */
    Reading read() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(prometheus)
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(prometheus + " answered HTTP " + response.statusCode());
        }
        return parse(response.body());
    }

    /** The figures in a Prometheus text exposition; fails naming what is missing. */
    static Reading parse(String exposition) throws IOException {
        double cpuNanos = -1;
        long heap = 0;
        boolean sawHeap = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("process_cpu_time_seconds_total ")) {
                cpuNanos = value(line) * 1e9;
            } else if (line.startsWith("process_cpu_time_ns_total ")) {
                cpuNanos = value(line);
            } else if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += (long) value(line);
                sawHeap = true;
            }
        }
        if (cpuNanos < 0 || !sawHeap) {
            throw new IOException("the service's metrics lack process_cpu_time or the heap's jvm_memory_used_bytes");
        }
        return new Reading((long) cpuNanos, heap);
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** The service process's CPU time since it started, and the bytes its heap uses now. */
    record Reading(long cpuNanos, long heapUsedBytes) {}
}
