package dev.gavel.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The command line's options, parsed in one place: {@code --name value} pairs, flags, and positional
 * arguments. Durations are written "500ms", "30s", "2m"; sizes "16KB", "1MB" or plain bytes.
 */
public final class Options {
    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> positional;

    private Options(Map<String, String> values, Set<String> flags, List<String> positional) {
        this.values = values;
        this.flags = flags;
        this.positional = positional;
    }

    /**
     * Which options a command takes: those followed by a value, and flags; a pass-through command (serve)
     * takes every argument as it is, for its own parser.
     */
    public record Spec(Set<String> valued, Set<String> flags, boolean passThrough) {
        public static Spec of(String... valued) {
            return new Spec(Set.of(valued), Set.of(), false);
        }

        public static Spec passingThrough() {
            return new Spec(Set.of(), Set.of(), true);
        }

        public Spec withFlags(String... names) {
            return new Spec(valued, Set.of(names), passThrough);
        }
    }

    /** @throws IllegalArgumentException naming an unknown option or one that lacks its value */
    public static Options parse(String[] args, Spec spec) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positional = new ArrayList<>();
        if (spec.passThrough()) {
            return new Options(values, flags, List.of(args));
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (spec.flags().contains(arg)) {
                flags.add(arg);
            } else if (spec.valued().contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                values.put(arg, args[++i]);
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        return new Options(values, flags, positional);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public String required(String name) {
        return value(name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public List<String> positional() {
        return positional;
    }

    public int integer(String name, int fallback) {
        return value(name).map(v -> parse(name, v, Integer::parseInt)).orElse(fallback);
    }

    public double decimal(String name, double fallback) {
        return value(name).map(v -> parse(name, v, Double::parseDouble)).orElse(fallback);
    }

    public Duration duration(String name, Duration fallback) {
        return value(name).map(v -> parse(name, v, Options::duration)).orElse(fallback);
    }

    public int bytes(String name, int fallback) {
        return value(name).map(v -> parse(name, v, Options::bytes)).orElse(fallback);
    }

    public Optional<Path> path(String name) {
        return value(name).map(Path::of);
    }

    private static <T> T parse(String name, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " " + value + " is not valid: " + e.getMessage());
        }
    }

    static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
        }
        if (text.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        throw new IllegalArgumentException("a duration is like 500ms, 30s or 2m");
    }

    static int bytes(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.endsWith("KB")) {
            return Math.multiplyExact(Integer.parseInt(upper.substring(0, upper.length() - 2)), 1024);
        }
        if (upper.endsWith("MB")) {
            return Math.multiplyExact(Integer.parseInt(upper.substring(0, upper.length() - 2)), 1024 * 1024);
        }
        return Integer.parseInt(upper);
    }
}
