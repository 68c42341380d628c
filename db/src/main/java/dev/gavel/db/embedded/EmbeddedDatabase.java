package dev.gavel.db.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server started from the binaries on the classpath (io.zonky.test), for `./gavel
 * serve` without configuration, the devnet and tests. Its files stay in {@code dataDirectory} across
 * restarts. Only the developer tools and the tests carry binaries (module postgres-binaries); without
 * them {@link #start} throws {@link BinariesMissingException}.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server on {@code dataDirectory}. The caller stops it ({@link #close()}), after whatever
     * still writes to it: no JVM shutdown hook races the application's own orderly shutdown.
     */
    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            OrphanedServer.stopIfRunning(dataDirectory);
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPgBinaryResolver(ClasspathBinaries.INSTANCE)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String user() {
        return "postgres";
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /** No PostgreSQL binaries for this platform on the classpath: the case of the operator's jar and image. */
    public static final class BinariesMissingException extends IllegalStateException {
        private final String resource;

        BinariesMissingException(String resource) {
            super("no embedded PostgreSQL binaries on the classpath (" + resource + ")");
            this.resource = resource;
        }

        /** The classpath resource that was looked for, e.g. {@code postgres-linux-x86_64.txz}. */
        public String resource() {
            return resource;
        }
    }

    /**
     * io.zonky's binary bundles by the name they carry ({@code postgres-<system>-<arch>.txz}); unlike its default
     * resolver, a missing bundle is a typed exception, and no other platform's binaries are tried instead.
     */
    static final class ClasspathBinaries implements PgBinaryResolver {
        /** One instance: io.zonky extracts the binaries once per resolver. */
        static final ClasspathBinaries INSTANCE = new ClasspathBinaries();

        private ClasspathBinaries() {}

        @Override
        public InputStream getPgBinary(String system, String machineHardware) {
            String resource = ("postgres-" + system + "-" + ArchUtils.normalize(machineHardware) + ".txz")
                    .toLowerCase(Locale.ROOT)
                    .replace(' ', '_');
            InputStream binaries = EmbeddedDatabase.class.getClassLoader().getResourceAsStream(resource);
            if (binaries == null) {
                throw new BinariesMissingException(resource);
            }
            return binaries;
        }
    }
}
