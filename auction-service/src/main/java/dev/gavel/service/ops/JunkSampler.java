package dev.gavel.service.ops;

import dev.gavel.core.intake.IntakeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sampled log of junk (bids refused before their sender was authenticated): at most one line per period,
 * with how many came since the last line and one example, so a flood cannot flood the log too.
 */
final class JunkSampler {
    private static final Logger log = LoggerFactory.getLogger(JunkSampler.class);

    private final Clock clock;
    private final Duration period;
    private final AtomicLong since = new AtomicLong();
    private final AtomicReference<Instant> lastLine = new AtomicReference<>(Instant.MIN);

    JunkSampler(Clock clock, Duration period) {
        this.clock = clock;
        this.period = period;
    }

    void sample(IntakeResult.Rejected junk) {
        long count = since.incrementAndGet();
        Instant now = clock.instant();
        Instant last = lastLine.get();
        if (now.isAfter(last.plus(period)) && lastLine.compareAndSet(last, now)) {
            since.addAndGet(-count);
            log.info(
                    "{} bid(s) refused from unauthenticated senders since the last line; e.g. {}: {}",
                    count,
                    junk.rejection().code(),
                    junk.rejection().message());
        }
    }
}
