package dev.gavel.core.intake;

/** Microseconds spent in each intake stage of one bid: decode, route (round and builder), open (HPKE), verify (signature), check (payload and value). */
public record StageTimings(long decodeMicros, long routeMicros, long openMicros, long verifyMicros, long checkMicros) {
    public long totalMicros() {
        return decodeMicros + routeMicros + openMicros + verifyMicros + checkMicros;
    }

    /** Records the stages as they complete. Not thread-safe: one per bid. */
    static final class Recorder {
        private final long[] micros = new long[5];
        private long last = System.nanoTime();
        private int stage;

        void lap() {
            long now = System.nanoTime();
            micros[stage++] = (now - last) / 1_000;
            last = now;
        }

        StageTimings timings() {
            return new StageTimings(micros[0], micros[1], micros[2], micros[3], micros[4]);
        }
    }
}
