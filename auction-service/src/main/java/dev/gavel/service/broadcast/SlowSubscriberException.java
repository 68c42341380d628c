package dev.gavel.service.broadcast;

/** A subscriber fell more than its buffer behind and was disconnected so it cannot slow anyone else. */
public final class SlowSubscriberException extends RuntimeException {
    public SlowSubscriberException(int bufferSize) {
        super("subscriber fell more than " + bufferSize + " messages behind", null, false, false);
    }
}
