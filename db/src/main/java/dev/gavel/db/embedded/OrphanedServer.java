package dev.gavel.db.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running on a data directory by a process that was killed (kill -9 leaves the
 * postmaster behind). It is shut down, so the data directory can be taken over by a new server.
 */
final class OrphanedServer {
    private static final Logger log = LoggerFactory.getLogger(OrphanedServer.class);
    private static final long SHUTDOWN_SECONDS = 30;

    private OrphanedServer() {}

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (Files.notExists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        Optional<ProcessHandle> postmaster = lines.isEmpty()
                ? Optional.empty()
                : parsePid(lines.get(0))
                        .flatMap(ProcessHandle::of)
                        .filter(ProcessHandle::isAlive)
                        .filter(process -> process.info()
                                .command()
                                .map(command -> command.endsWith("postgres"))
                                .orElse(false));
        if (postmaster.isEmpty()) {
            return;
        }
        log.warn(
                "PostgreSQL (pid {}) still runs on {} from a process that stopped abruptly; shutting it down",
                postmaster.get().pid(),
                dataDirectory);
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the orphaned PostgreSQL to stop", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(
                    "the orphaned PostgreSQL (pid " + postmaster.get().pid() + ") did not stop within "
                            + SHUTDOWN_SECONDS + " s",
                    e);
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
