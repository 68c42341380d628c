package dev.gavel.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gavel devnet` and `gavel serve` sent SIGTERM (as a supervisor or `timeout` sends it) while they start and
 * while they run: each exits, and no process it started is left behind — anvil, and the embedded PostgreSQL
 * (whose postmaster pg_ctl detaches, so it is found by its pid file, not among the command's descendants). A
 * devnet stopped mid-run prints its summary first. Each pair runs side by side: most of a devnet's start is
 * waiting for anvil's blocks.
 */
class SigtermTest {
    private static final Pattern DEVNET_DATA_DIR = Pattern.compile("\\(data in (\\S+)\\)");

    @TempDir
    Path temp;

    private final List<Child> children = new ArrayList<>();
    private final List<ProcessHandle> captured = new ArrayList<>();

    /** After a failure: nothing of this test may outlive it either. */
    @AfterEach
    void killWhatIsLeft() throws IOException {
        for (Child child : children) {
            child.postmaster().ifPresent(ProcessHandle::destroy);
            child.process().descendants().forEach(ProcessHandle::destroyForcibly);
            child.process().destroyForcibly();
        }
        captured.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
    }

    @Test
    void theDevnetStoppedWhileStartingOrRunningLeavesNoProcessBehindAndMidRunPrintsTheSummary() throws Exception {
        Child starting = start("devnet-starting", Child::devnetDataDir, "devnet", "--builders", "1");
        Child running = start("devnet-running", Child::devnetDataDir, "devnet", "--builders", "1");

        List<ProcessHandle> startedWhileStarting = stopOnceDatabaseRuns(starting, "chain (anvil)", true);
        List<ProcessHandle> startedWhileRunning = stopOnceItSays(running, "\nblock ", true);

        assertStopsLeavingNothing(starting, startedWhileStarting);
        assertStopsLeavingNothing(running, startedWhileRunning);
        assertThat(running.output())
                .as("the summary, printed before anything was stopped")
                .contains("\"blocks\" : ")
                .contains("\"acknowledged_bids_missing_from_db\" : 0")
                .doesNotContain("no summary");
    }

    @Test
    void theServiceStoppedWhileStartingOrRunningLeavesNoProcessBehind() throws Exception {
        Path startingData = temp.resolve("serve-starting-data");
        Path runningData = temp.resolve("serve-running-data");
        Child starting = start("serve-starting", output -> Optional.of(startingData), serve(startingData));
        Child running = start("serve-running", output -> Optional.of(runningData), serve(runningData));

        List<ProcessHandle> startedWhileStarting = stopOnceDatabaseRuns(starting, "Gavel is serving", false);
        List<ProcessHandle> startedWhileRunning = stopOnceItSays(running, "Gavel is serving", false);

        assertStopsLeavingNothing(starting, startedWhileStarting);
        assertStopsLeavingNothing(running, startedWhileRunning);
    }

    private static String[] serve(Path dataDir) {
        return new String[] {
            "serve",
            "--server.port=0",
            "--management.server.port=0",
            "--gavel.engine.port=0",
            "--gavel.engine.host=127.0.0.1",
            "--gavel.data-dir=" + dataDir
        };
    }

    /** Sends SIGTERM as soon as the child's PostgreSQL runs, before {@code startedLine} shows it has started. */
    private List<ProcessHandle> stopOnceDatabaseRuns(Child child, String startedLine, boolean withAnvil)
            throws IOException {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> child.postmaster().isPresent());
        List<ProcessHandle> started = child.startedProcesses(withAnvil);
        captured.addAll(started);
        assertThat(child.output()).as("still starting").doesNotContain(startedLine);
        child.process().destroy();
        return started;
    }

    /** Sends SIGTERM once the child's output says {@code running}. */
    private List<ProcessHandle> stopOnceItSays(Child child, String running, boolean withAnvil) throws IOException {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> child.output().contains(running));
        List<ProcessHandle> started = child.startedProcesses(withAnvil);
        captured.addAll(started);
        child.process().destroy();
        return started;
    }

    private static void assertStopsLeavingNothing(Child child, List<ProcessHandle> started)
            throws InterruptedException {
        assertThat(child.process().waitFor(30, TimeUnit.SECONDS))
                .as("%s exits", child.log().getFileName())
                .isTrue();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(started)
                        .as("processes %s started, still alive", child.log().getFileName())
                        .filteredOn(ProcessHandle::isAlive)
                        .isEmpty());
    }

    /**
     * `gavel ARGS` in a child JVM, its output in a log file: {@link Process#destroy()} closes the pipes it would
     * otherwise write its last words to.
     */
    private Child start(String name, Function<String, Optional<Path>> dataDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                GavelDevTools.class.getName()));
        command.addAll(List.of(args));
        Path log = temp.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Child child = new Child(process, log, dataDir);
        children.add(child);
        return child;
    }

    private record Child(Process process, Path log, Function<String, Optional<Path>> dataDir) {
        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        static Optional<Path> devnetDataDir(String output) {
            Matcher dataDir = DEVNET_DATA_DIR.matcher(output);
            return dataDir.find() ? Optional.of(Path.of(dataDir.group(1))) : Optional.empty();
        }

        /** The child's PostgreSQL server, once its pid file names a running one. */
        Optional<ProcessHandle> postmaster() throws IOException {
            Optional<Path> data = dataDir.apply(output());
            if (data.isEmpty()) {
                return Optional.empty();
            }
            try (Stream<String> lines = Files.lines(data.get().resolve("postgres/postmaster.pid"))) {
                return ProcessHandle.of(
                                Long.parseLong(lines.findFirst().orElseThrow().strip()))
                        .filter(ProcessHandle::isAlive);
            } catch (NoSuchFileException | NoSuchElementException | NumberFormatException notYet) {
                return Optional.empty();
            }
        }

        /** The child's descendants (anvil, PostgreSQL's helpers), and the postmaster with its backends. */
        List<ProcessHandle> startedProcesses(boolean withAnvil) throws IOException {
            List<ProcessHandle> started = new ArrayList<>(process.descendants().toList());
            ProcessHandle postmaster = postmaster().orElseThrow();
            started.add(postmaster);
            postmaster
                    .descendants()
                    .filter(backend -> !started.contains(backend))
                    .forEach(started::add);
            List<String> commands = started.stream()
                    .map(child -> child.info().command().orElse(""))
                    .toList();
            assertThat(commands)
                    .as("PostgreSQL runs")
                    .anySatisfy(command -> assertThat(command).endsWith("postgres"));
            if (withAnvil) {
                assertThat(commands)
                        .as("anvil runs")
                        .anySatisfy(command -> assertThat(command).endsWith("anvil"));
            }
            return started;
        }
    }
}
