package dev.gavel.service.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Secrets live in files (or Kubernetes secrets mounted as files), never in configuration values or
 * logs. In development a missing file is created with fresh random content, readable by its owner only.
 */
public final class SecretFiles {
    private SecretFiles() {}

    /** The file's text; created from {@code generate} first if it does not exist. */
    static String readOrCreate(Path file, Supplier<String> generate) {
        try {
            if (Files.notExists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                writePrivate(file, generate.get());
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret file " + file, e);
        }
    }

    /** Writes {@code secret} to {@code file}, readable by its owner only. */
    public static void writePrivate(Path file, String secret) {
        try {
            Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
            restrictToOwner(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secret file " + file, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secret file " + file, e);
        }
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }
}
