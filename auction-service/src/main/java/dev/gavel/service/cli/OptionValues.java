package dev.gavel.service.cli;

import java.time.Duration;

/** How the command line writes durations and sizes: "500ms", "30s", "2m"; "16KB", "1MB" or plain bytes. */
public final class OptionValues {
    private OptionValues() {}

    public static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
        }
        if (text.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        throw new IllegalArgumentException("a duration is like 500ms, 30s or 2m, not " + text);
    }

    public static int bytes(String text) {
        String upper = text.toUpperCase();
        if (upper.endsWith("KB")) {
            return Integer.parseInt(upper.substring(0, upper.length() - 2)) * 1024;
        }
        if (upper.endsWith("MB")) {
            return Integer.parseInt(upper.substring(0, upper.length() - 2)) * 1024 * 1024;
        }
        return Integer.parseInt(upper);
    }
}
