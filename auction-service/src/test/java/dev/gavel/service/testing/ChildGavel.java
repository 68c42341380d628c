package dev.gavel.service.testing;

import static org.awaitility.Awaitility.await;

import dev.gavel.bidding.engine.EngineJwt;
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

/** The service (as `gavel serve` runs it) in a child JVM on fixed free ports, so a test can kill it with `kill -9` and start it again. */
public final class ChildGavel {
    private final Process process;

    private ChildGavel(Process process) {
        this.process = process;
    }

    /**
     * Starts the service with {@code arguments} (and a management port of its own), its output appended to
     * {@code log}, and waits until it is UP.
     */
    public static ChildGavel launch(String[] arguments, Path log) throws IOException {
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
        HttpClient client = Http11.client();
        HttpRequest health = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"))
                .build();
        try {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> client.send(health, HttpResponse.BodyHandlers.ofString())
                            .body()
                            .contains("\"status\":\"UP\""));
        } catch (RuntimeException | Error notUp) {
            process.destroyForcibly();
            throw notUp;
        }
        return new ChildGavel(process);
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
