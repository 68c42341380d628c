package dev.gavel.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The image {@code ./gavel image} builds, for this build's cli jar: built with image/build, or reused when the
 * image of that tag was built from this very jar (its label {@code dev.gavel.cli-jar.sha256}).
 */
final class GavelImage {
    static final String VERSION = System.getProperty("gavel.version");
    static final String TAG = "localhost/gavel:" + VERSION;
    private static final Path BUILD = Path.of(System.getProperty("gavel.image.build"));
    private static final Path JAR = Path.of(System.getProperty("gavel.cli.jar"));

    private GavelImage() {}

    /** The tag of an image of the current jar. */
    static String buildOrReuse() throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the image test runs after `mvn package` of cli");
        }
        String jarDigest = sha256(JAR);
        if (!jarDigest.equals(
                podman("image", "inspect", "--format", "{{index .Labels \"dev.gavel.cli-jar.sha256\"}}", TAG))) {
            Run build = run(List.of("bash", BUILD.toString(), "--jar", JAR.toString(), "--tag", TAG), 600);
            if (build.exitCode() != 0) {
                throw new IllegalStateException("image/build failed:\n" + build.output());
            }
        }
        return TAG;
    }

    /** podman's output, or "" when the command fails (an image that does not exist). */
    static String podman(String... args) throws IOException, InterruptedException {
        Run run = run(concat("podman", args), 60);
        return run.exitCode() == 0 ? run.output().strip() : "";
    }

    /** {@code podman run --rm} of the image as operators run it (read-only root, writable /tmp), to its end. */
    static Run runOnce(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("podman", "run", "--rm", "--network", "host", "--read-only", "--tmpfs", "/tmp", TAG));
        command.addAll(List.of(args));
        return run(command, 120);
    }

    /** A finished command: its exit code and its output and errors together. */
    record Run(int exitCode, String output) {}

    private static Run run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("gavel-image", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        Files.delete(log);
        if (!exited) {
            throw new IllegalStateException(
                    String.join(" ", command) + " timed out after " + timeoutSeconds + " s:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(String first, String... rest) {
        return Stream.concat(Stream.of(first), Stream.of(rest)).toList();
    }
}
