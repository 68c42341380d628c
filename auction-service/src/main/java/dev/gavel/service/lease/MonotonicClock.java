package dev.gavel.service.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that only moves forward, at the pace of {@link System#nanoTime()}, whatever happens to the wall
 * clock: how long a lease grant lives must not stretch when NTP steps the time back. It keeps running while the
 * process is stopped (SIGSTOP), so a frozen holder that wakes sees at once that its grant ran out.
 */
public final class MonotonicClock extends Clock {
    private final Instant origin = Instant.now();
    private final long originNanos = System.nanoTime();

    @Override
    public Instant instant() {
        return origin.plus(Duration.ofNanos(System.nanoTime() - originNanos));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
