package dev.gavel.devtools.bench;

import dev.gavel.devtools.service.ServeCommand;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * `gavel serve` in a JVM of its own, with its own heap, on free loopback ports: the service's CPU and memory
 * are then its own, apart from the load generator's. (The launch is the failover devnet's ServiceProcess,
 * trimmed to what the bench needs and given a heap size.)
 */
final class ServiceJvm implements AutoCloseable {
    private static final HttpClient HEALTH = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(200))
            .build();

    private final Process process;
    private final Path log;
    private final int httpPort;
    private final int enginePort;
    private final int managementPort;
    /** The bench stopped (SIGTERM, Ctrl-C) leaves no service behind on the machine it measures. */
    private final Thread stopOnExit;

    private ServiceJvm(Process process, Path log, int httpPort, int enginePort, int managementPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.enginePort = enginePort;
        this.managementPort = managementPort;
        this.stopOnExit = new Thread(process::destroyForcibly, "bench-service-stop");
    }

    /** Starts `serve` with a heap of {@code heap} (as -Xmx takes it) and {@code settings} ("--key=value"), its output to {@code log}. */
    static ServiceJvm start(String heap, List<String> settings, Path log) throws IOException {
        int http = freePort();
        int engine = freePort();
        int management = freePort();
        List<String> command = new ArrayList<>(ServeCommand.withHeap(heap));
        command.addAll(settings);
        command.add("--server.port=" + http);
        command.add("--gavel.engine.port=" + engine);
        command.add("--gavel.engine.host=127.0.0.1");
        command.add("--management.server.port=" + management);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ServiceJvm service = new ServiceJvm(process, log, http, engine, management);
        Runtime.getRuntime().addShutdownHook(service.stopOnExit);
        return service;
    }

    /** Waits until it reports itself ready (the active auctioneer), or fails after {@code patience} with its log's end. */
    void awaitReady(Duration patience) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(patience);
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IOException("the service exited with " + process.exitValue() + " at start-up:\n" + logTail());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("the service was not ready within " + patience.toSeconds() + " s:\n" + logTail());
            }
            Thread.sleep(200);
        }
    }

    private boolean ready() {
        HttpRequest request = HttpRequest.newBuilder(management().resolve("/actuator/health/readiness"))
                .timeout(Duration.ofMillis(500))
                .build();
        try {
            return HEALTH.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** A full collection in the service (jcmd GC.run): what its heap holds afterwards is what it still refers to. */
    void collectGarbage() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!gc.waitFor(30, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            gc.destroyForcibly();
            throw new IOException("jcmd " + process.pid() + " GC.run failed");
        }
    }

    long pid() {
        return process.pid();
    }

    URI http() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    URI engine() {
        return URI.create("http://127.0.0.1:" + enginePort);
    }

    URI management() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    /** Stops it as an operator would (SIGTERM), waiting a while, then kills what is left. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook stops the service
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
