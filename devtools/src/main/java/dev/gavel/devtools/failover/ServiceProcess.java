package dev.gavel.devtools.failover;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.devtools.service.ServeCommand;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * `gavel serve` in a process of its own, on free loopback ports, so that a tool can kill it (kill -9) or freeze it
 * (SIGSTOP) as a dead machine or a hung JVM would; its output goes to a log file.
 */
final class ServiceProcess {
    private static final HttpClient HEALTH = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(200))
            .build();
    /** How long a health question may take: longer counts as no answer (a frozen instance never answers). */
    private static final Duration HEALTH_TIMEOUT = Duration.ofMillis(250);

    private final String name;
    private final Process process;
    private final Path log;
    private final int httpPort;
    private final int enginePort;
    private final int managementPort;
    private volatile boolean frozen;

    private ServiceProcess(String name, Process process, Path log, int httpPort, int enginePort, int managementPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.enginePort = enginePort;
        this.managementPort = managementPort;
    }

    /** Starts `serve` with {@code settings} ("--key=value") on free ports, its output appended to {@code log}. */
    static ServiceProcess start(String name, List<String> settings, Path log) throws IOException {
        int http = freePort();
        int engine = freePort();
        int management = freePort();
        List<String> command = new ArrayList<>(ServeCommand.withHeap("512m"));
        command.addAll(settings);
        command.add("--server.port=" + http);
        command.add("--gavel.engine.port=" + engine);
        command.add("--gavel.engine.host=127.0.0.1");
        command.add("--management.server.port=" + management);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        // a tool stopped (SIGTERM, Ctrl-C) before it could stop the instance in order leaves nothing running
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "gavel-instance-" + name + "-stop"));
        return new ServiceProcess(name, process, log, http, engine, management);
    }

    /** Waits until it is the active auctioneer (ready), or fails after {@code patience}. */
    void awaitReady(Duration patience) throws IOException, InterruptedException {
        awaitUp("/actuator/health/readiness", "ready", patience);
    }

    /** Waits until it answers as a live instance (a standby beside the active one), or fails after {@code patience}. */
    void awaitAlive(Duration patience) throws IOException, InterruptedException {
        awaitUp("/actuator/health/liveness", "alive", patience);
    }

    private void awaitUp(String path, String what, Duration patience) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (!up(path)) {
            if (!process.isAlive()) {
                throw new IOException("instance " + name + " exited with " + process.exitValue()
                        + " at start-up (its log: " + log + ")");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("instance " + name + " was not " + what + " within " + patience.toSeconds()
                        + " s (its log: " + log + ")");
            }
            Thread.sleep(200);
        }
    }

    /** What its readiness endpoint says: ready, not ready (said so, or nobody listens), or nothing in time. */
    enum Readiness {
        READY,
        NOT_READY,
        NO_ANSWER
    }

    /** Asks its readiness endpoint (the active auctioneer is ready) with a short timeout: a frozen one gives no answer. */
    Readiness readiness() {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                .timeout(HEALTH_TIMEOUT)
                .build();
        try {
            int status =
                    HEALTH.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? Readiness.READY : Readiness.NOT_READY;
        } catch (ConnectException refused) {
            return Readiness.NOT_READY;
        } catch (IOException e) {
            return Readiness.NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Readiness.NO_ANSWER;
        }
    }

    private boolean up(String path) {
        return health(path).map(status -> status.statusCode() == 200).orElse(false);
    }

    /** Its role in the lease as its health reports it (active, standby, deposed), if it answers. */
    Optional<String> role() {
        try {
            return health("/actuator/health")
                    .map(answer -> WireJson.MAPPER.readTree(answer.body()).findValue("role"))
                    .map(role -> role.asString());
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }

    private Optional<HttpResponse<String>> health(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(HEALTH_TIMEOUT)
                .build();
        try {
            return Optional.of(HEALTH.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** kill -9: no shutdown hook, nothing flushed, its connections reset. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGSTOP: it stops dead, its connections left open. */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
        frozen = true;
    }

    /** SIGCONT: it runs on from where it stopped. */
    void thaw() throws IOException, InterruptedException {
        signal("CONT");
        frozen = false;
    }

    private void signal(String signal) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
        if (exit != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " exited with " + exit);
        }
    }

    /**
     * Stops it as an operator would (SIGTERM; a frozen one is woken first, or the signal would wait), then kills
     * what is left after a while: nothing it started outlives the tool.
     */
    void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        if (frozen) {
            try {
                thaw();
            } catch (IOException e) {
                kill();
                return;
            }
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }

    String name() {
        return name;
    }

    int httpPort() {
        return httpPort;
    }

    int enginePort() {
        return enginePort;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
