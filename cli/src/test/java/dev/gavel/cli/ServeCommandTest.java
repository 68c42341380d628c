package dev.gavel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's command line has no embedded PostgreSQL: its classpath is the production image's. */
class ServeCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void serveWithoutADatabaseUrlFailsNamingTheSetting() {
        assertThat(ServeCommandTest.class.getClassLoader().getResource("postgres-linux-x86_64.txz"))
                .as("embedded PostgreSQL binaries on the cli's classpath")
                .isNull();
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Gavel.commandLine()
                        .run(
                                new String[] {
                                    "serve",
                                    "--gavel.data-dir=" + dataDir,
                                    "--server.port=0",
                                    "--management.server.port=0",
                                    "--gavel.engine.port=0"
                                },
                                out,
                                out))
                .hasStackTraceContaining("gavel.database.url is not set, and this build has no embedded PostgreSQL");
    }
}
