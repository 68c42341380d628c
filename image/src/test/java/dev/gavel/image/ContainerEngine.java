package dev.gavel.image;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;

/**
 * Podman, which builds the image, and the Docker-compatible API Testcontainers runs it through: {@code DOCKER_HOST}
 * when set, else a {@code podman system service} this class starts on a socket of its own and stops on close.
 * Where there is no engine the tests are skipped, saying why; with {@code GAVEL_REQUIRE_CONTAINERS=1} (CI, which
 * installs podman) they fail instead.
 */
final class ContainerEngine implements AutoCloseable {
    static final String REQUIRE = "GAVEL_REQUIRE_CONTAINERS";

    private final Process service;
    private final Path socketDirectory;

    private ContainerEngine(Process service, Path socketDirectory) {
        this.service = service;
        this.socketDirectory = socketDirectory;
    }

    /** The engine, or a skipped (failed, where required) test. */
    static ContainerEngine require() throws IOException, InterruptedException {
        if (!onPath("podman")) {
            absent("no container engine: podman is not installed (as root: apt-get install podman runc mmdebstrap)");
        }
        ContainerEngine engine =
                System.getenv("DOCKER_HOST") != null ? new ContainerEngine(null, null) : startService();
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            engine.close();
            absent("no container engine: Testcontainers cannot reach "
                    + (engine.service == null
                            ? "DOCKER_HOST=" + System.getenv("DOCKER_HOST")
                            : "podman's API service"));
        }
        return engine;
    }

    private static ContainerEngine startService() throws IOException, InterruptedException {
        // a short path: unix socket paths end at 108 bytes
        Path directory = Files.createTempDirectory(Path.of("/tmp"), "gavel-podman");
        Path socket = directory.resolve("api.sock");
        Process service = new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + socket)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("service.log").toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!Files.exists(socket) && service.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        ContainerEngine engine = new ContainerEngine(service, directory);
        if (!Files.exists(socket)) {
            String log = Files.readString(directory.resolve("service.log"));
            engine.close();
            absent("no container engine: podman system service did not open its socket: " + log.strip());
        }
        PodmanApiStrategy.use(socket);
        return engine;
    }

    private static void absent(String reason) {
        if ("1".equals(System.getenv(REQUIRE))) {
            fail(reason + " (and " + REQUIRE + "=1 requires it)");
        }
        // said on the build's output too: Maven reports a class skipped in @BeforeAll as "Tests run: 0"
        System.out.println("[WARNING] the image test is skipped: " + reason);
        assumeTrue(false, reason + "; the image test is skipped");
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (service != null) {
            service.destroy();
            service.waitFor();
        }
        if (socketDirectory != null) {
            try (Stream<Path> files = Files.walk(socketDirectory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
