package dev.gavel.core.intake;

/**
 * Microseconds spent in each intake stage of one bid: decode, route (round and builder), open (HPKE), verify
 * (signature), check (value and payload).
 */
public record StageTimings(long decodeMicros, long routeMicros, long openMicros, long verifyMicros, long checkMicros) {
    public long totalMicros() {
        return decodeMicros + routeMicros + openMicros + verifyMicros + checkMicros;
    }

    /** The stages, in the order intake runs them; each guard belongs to one. */
    public enum Stage {
        DECODE,
        ROUTE,
        OPEN,
        VERIFY,
        CHECK
    }

    /** Adds each guard's time to its stage. Not thread-safe: one per bid. */
    static final class Recorder {
        private final long[] nanos = new long[Stage.values().length];
        private long last = System.nanoTime();

        void add(Stage stage) {
            long now = System.nanoTime();
            nanos[stage.ordinal()] += now - last;
            last = now;
        }

        StageTimings timings() {
            return new StageTimings(
                    nanos[0] / 1_000, nanos[1] / 1_000, nanos[2] / 1_000, nanos[3] / 1_000, nanos[4] / 1_000);
        }
    }
}
