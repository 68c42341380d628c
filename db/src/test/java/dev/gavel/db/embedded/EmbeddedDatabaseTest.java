package dev.gavel.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {
    @TempDir
    Path dataDirectory;

    @Test
    void aServerOrphanedByAKilledProcessIsTakenOverWithItsData() throws Exception {
        Process owner = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Owner.class.getName(),
                        dataDirectory.toString()))
                .redirectErrorStream(true)
                .start();
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = output.readLine();
            } while (line != null && !line.equals("ready"));
            assertThat(line).as("the owner process started its database").isEqualTo("ready");
        }
        owner.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory);
                Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("select note from survivors")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("written before kill -9");
        }
    }

    @Test
    void aPlatformWithoutBinariesIsATypedFailureNamingTheBundle() {
        assertThatThrownBy(() -> EmbeddedDatabase.ClasspathBinaries.INSTANCE.getPgBinary("Plan 9", "x86_64"))
                .isInstanceOfSatisfying(
                        EmbeddedDatabase.BinariesMissingException.class,
                        e -> assertThat(e.resource()).isEqualTo("postgres-plan_9-x86_64.txz"));
    }

    /** Starts a database, writes a row, says "ready", then waits to be killed. */
    public static final class Owner {
        public static void main(String[] args) throws Exception {
            EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]));
            try (Connection connection = database.dataSource().getConnection();
                    Statement sql = connection.createStatement()) {
                sql.execute("create table survivors (note text)");
                sql.execute("insert into survivors values ('written before kill -9')");
            }
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }
}
