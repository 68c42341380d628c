package dev.gavel.service.builders;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How much junk (bids refused before their sender was authenticated) one source address may make intake judge
 * a second. Judging a header costs a signature recovery; an address past its share is refused before that, so
 * junk from one address cannot buy the CPU honest builders need. Honest builders send no junk and never meet it.
 */
public final class JunkLimits {
    /** Beyond this many addresses tracked, those whose buckets are full again are forgotten. */
    private static final int TRACKED = 10_000;

    private final Clock clock;
    private final double perSecond;
    private final int burst;
    private final Map<InetAddress, TokenBucket> addresses = new ConcurrentHashMap<>();

    public JunkLimits(Clock clock, double perSecond, int burst) {
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Whether intake may judge one more bid from {@code address}. */
    public boolean mayJudge(InetAddress address) {
        TokenBucket bucket = addresses.get(address);
        if (bucket == null) {
            return true;
        }
        synchronized (bucket) {
            return bucket.hasToken(clock.millis());
        }
    }

    /** Counts one refused bid from {@code address} against its share. */
    public void junk(InetAddress address) {
        long now = clock.millis();
        if (addresses.size() > TRACKED) {
            forgetRecovered(now);
        }
        TokenBucket bucket = addresses.computeIfAbsent(address, a -> new TokenBucket(perSecond, burst, now));
        synchronized (bucket) {
            bucket.take(now);
        }
    }

    public double perSecond() {
        return perSecond;
    }

    private void forgetRecovered(long now) {
        addresses.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                return entry.getValue().full(now);
            }
        });
    }
}
