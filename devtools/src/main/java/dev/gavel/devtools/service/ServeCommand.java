package dev.gavel.devtools.service;

import dev.gavel.devtools.GavelDevTools;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs this JVM's own `gavel serve` as a process of its own. */
public final class ServeCommand {
    private ServeCommand() {}

    /** The packaged jar's `serve`, or the class path's when run from the build, in a JVM of {@code heap} (e.g. 1g). */
    public static List<String> withHeap(String heap) {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED"));
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, GavelDevTools.class.getName()));
        }
        command.add("serve");
        return command;
    }
}
