package dev.gavel.service.testing;

import static org.awaitility.Awaitility.await;

import dev.gavel.bidding.engine.EngineJwt;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.service.GavelApplication;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.Http11;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The service (as `gavel serve` runs it) in a child JVM on fixed free ports, so a test can kill it with `kill -9`,
 * freeze it with SIGSTOP, and start it again.
 */
public final class ChildGavel {
    private static final HttpClient CLIENT = Http11.client();

    private final Process process;
    private final int managementPort;

    private ChildGavel(Process process, int managementPort) {
        this.process = process;
        this.managementPort = managementPort;
    }

    /**
     * Starts the service with {@code arguments} (and a management port of its own), its output appended to
     * {@code log}, and waits until it is ready: the active auctioneer.
     */
    public static ChildGavel launch(String[] arguments, Path log) throws IOException {
        return launch(arguments, log, "/actuator/health/readiness");
    }

    /** As {@link #launch}, but waits only until it is alive: a standby beside an active instance. */
    public static ChildGavel launchStandby(String[] arguments, Path log) throws IOException {
        return launch(arguments, log, "/actuator/health/liveness");
    }

    private static ChildGavel launch(String[] arguments, Path log, String until) throws IOException {
        int managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                GavelApplication.class.getName()));
        Arrays.stream(arguments)
                .filter(argument -> !argument.startsWith("--management.server.port="))
                .forEach(command::add);
        command.add("--management.server.port=" + managementPort);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ChildGavel child = new ChildGavel(process, managementPort);
        try {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> child.up(until));
        } catch (RuntimeException | Error notUp) {
            process.destroyForcibly();
            throw notUp;
        }
        return child;
    }

    /** Whether it reports itself ready (the active auctioneer), asked with a short timeout: a frozen one is not. */
    public boolean ready() {
        try {
            return up("/actuator/health/readiness");
        } catch (IOException | InterruptedException | RuntimeException unanswered) {
            return false;
        }
    }

    /** Whether a health endpoint's own status (not one of its components') is UP. */
    private boolean up(String path) throws IOException, InterruptedException {
        return WireJson.MAPPER.readTree(health(path)).path("status").asString().equals("UP");
    }

    /** The body of a health endpoint on its management port. */
    public String health(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(Duration.ofMillis(500))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** SIGSTOP: the process stops dead, its connections open, until {@link #thaw}. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT. */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        if (exit != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " exited " + exit);
        }
    }

    /** An Engine API client with the JWT secret the child wrote into {@code dataDir}. */
    public static EngineClient engine(Path dataDir, int enginePort) throws IOException {
        EngineJwt jwt = new EngineJwt(
                EngineJwt.parseSecret(Files.readString(dataDir.resolve("jwt.hex"))),
                Clock.systemUTC(),
                Duration.ofSeconds(60));
        return new EngineClient(URI.create("http://127.0.0.1:" + enginePort), jwt);
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
