package dev.gavel.devtools.bench;

import dev.gavel.bidding.json.WireJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** How a bench prints its report: indented JSON, then its markdown table; the JSON also to a file when asked. */
public final class BenchOutput {
    private static final JsonMapper INDENTED =
            WireJson.MAPPER.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();

    private BenchOutput() {}

    public static void print(Map<String, Object> json, String markdown, Optional<Path> jsonFile, PrintStream out)
            throws IOException {
        String text = INDENTED.writeValueAsString(json);
        out.println(text);
        out.println(markdown);
        if (jsonFile.isPresent()) {
            Files.writeString(jsonFile.get(), text);
        }
    }
}
