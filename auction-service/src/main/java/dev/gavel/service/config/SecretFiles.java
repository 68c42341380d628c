package dev.gavel.service.config;

import dev.gavel.primitives.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * Secrets live in files (or Kubernetes secrets mounted as files), never in configuration values or
 * logs. In development a missing file is created with fresh random content, readable by its owner only.
 */
public final class SecretFiles {
    private SecretFiles() {}

    /**
     * The text of {@code configured} when a file is configured; else that of the development file {@code
     * development}, created from {@code generate} first if it does not exist.
     */
    static String readConfiguredOrDevelopment(Path configured, Path development, Supplier<String> generate) {
        return configured != null ? read(configured) : readOrCreate(development, generate);
    }

    /** Writes {@code secret} to {@code file}, readable by its owner only. */
    private static void writePrivate(Path file, String secret) {
        try {
            Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
            restrictToOwner(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secret file " + file, e);
        }
    }

    /** Writes an Ethereum account's private key as the key-file settings read it (0x and 64 hex digits); returns the file. */
    public static Path writePrivateKey(Path file, ECKeyPair key) {
        writePrivate(file, Numeric.toHexStringWithPrefixZeroPadded(key.getPrivateKey(), 64));
        return file;
    }

    /** The Ethereum account whose private key {@code file} holds (as {@link #writePrivateKey} writes it, 0x optional). */
    static Credentials readPrivateKey(Path file) {
        return Credentials.create(ECKeyPair.create(Hex.decodeOptionalPrefix(read(file))));
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

    private static String readOrCreate(Path file, Supplier<String> generate) {
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

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }
}
