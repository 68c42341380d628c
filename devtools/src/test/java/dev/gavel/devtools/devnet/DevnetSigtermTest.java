package dev.gavel.devtools.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.devtools.GavelDevTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gavel devnet` sent SIGTERM (as a supervisor or `timeout` sends it) while it starts and while it runs: it exits,
 * and no process it started is left behind — anvil, and the embedded PostgreSQL (whose postmaster pg_ctl detaches,
 * so it is found by its pid file, not among the devnet's descendants). Stopped mid-run, it prints its summary
 * first. The two devnets run side by side: most of a start is waiting for anvil's blocks.
 */
class DevnetSigtermTest {
    private static final Pattern DATA_DIR = Pattern.compile("\\(data in (\\S+)\\)");

    @TempDir
    Path temp;

    private final List<Devnet> devnets = new ArrayList<>();

    /** After a failure: nothing of this test may outlive it either. */
    @AfterEach
    void killWhatIsLeft() throws IOException {
        for (Devnet devnet : devnets) {
            devnet.postmaster().ifPresent(ProcessHandle::destroy);
            devnet.process().descendants().forEach(ProcessHandle::destroyForcibly);
            devnet.process().destroyForcibly();
        }
    }

    @Test
    void sigtermWhileStartingOrRunningLeavesNoProcessBehindAndMidRunPrintsTheSummary() throws Exception {
        Devnet starting = started(Devnet.start(temp.resolve("starting.log")));
        Devnet running = started(Devnet.start(temp.resolve("running.log")));

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> starting.postmaster().isPresent());
        List<ProcessHandle> startedWhileStarting = starting.startedProcesses();
        assertThat(starting.output()).as("still starting").doesNotContain("chain (anvil)");
        starting.process().destroy();

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> running.output().contains("\nblock "));
        List<ProcessHandle> startedWhileRunning = running.startedProcesses();
        running.process().destroy();

        assertStopsLeavingNothing(starting.process(), startedWhileStarting);
        assertStopsLeavingNothing(running.process(), startedWhileRunning);
        assertThat(running.output())
                .as("the summary, printed before anything was stopped")
                .contains("\"blocks\" : ")
                .contains("\"acknowledged_bids_missing_from_db\" : 0")
                .doesNotContain("no summary");
    }

    private Devnet started(Devnet devnet) {
        devnets.add(devnet);
        return devnet;
    }

    private static void assertStopsLeavingNothing(Process devnet, List<ProcessHandle> started)
            throws InterruptedException {
        assertThat(devnet.waitFor(30, TimeUnit.SECONDS)).as("the devnet exits").isTrue();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(started)
                        .as("processes the devnet started, still alive")
                        .filteredOn(ProcessHandle::isAlive)
                        .isEmpty());
    }

    /**
     * `gavel devnet` (until stopped, one builder) in a child JVM, its output in {@code log}: a file, since
     * {@link Process#destroy()} closes the pipes it would otherwise write its last words to.
     */
    private record Devnet(Process process, Path log) {
        static Devnet start(Path log) throws IOException {
            Process process = new ProcessBuilder(
                            ProcessHandle.current().info().command().orElseThrow(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            GavelDevTools.class.getName(),
                            "devnet",
                            "--builders",
                            "1")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new Devnet(process, log);
        }

        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        /** The PostgreSQL server of the devnet's service, once its pid file names a running one. */
        Optional<ProcessHandle> postmaster() throws IOException {
            Matcher dataDir = DATA_DIR.matcher(output());
            if (!dataDir.find()) {
                return Optional.empty();
            }
            try {
                String pid = Files.readAllLines(Path.of(dataDir.group(1), "postgres", "postmaster.pid"))
                        .getFirst()
                        .strip();
                return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
            } catch (NoSuchFileException | java.util.NoSuchElementException | NumberFormatException notYet) {
                return Optional.empty();
            }
        }

        /** The devnet's descendants (anvil, PostgreSQL's helpers), and the postmaster with its backends. */
        List<ProcessHandle> startedProcesses() throws IOException {
            List<ProcessHandle> started = new ArrayList<>(process.descendants().toList());
            ProcessHandle postmaster = postmaster().orElseThrow();
            started.add(postmaster);
            started.addAll(postmaster.descendants().toList());
            assertThat(started.stream().map(child -> child.info().command().orElse("")))
                    .as("anvil and PostgreSQL run")
                    .anySatisfy(command -> assertThat(command).endsWith("anvil"))
                    .anySatisfy(command -> assertThat(command).endsWith("postgres"));
            return started;
        }
    }
}
