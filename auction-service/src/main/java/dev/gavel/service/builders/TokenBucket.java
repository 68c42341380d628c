package dev.gavel.service.builders;

/** A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}; not thread-safe (callers guard it). */
public final class TokenBucket {
    private final double perSecond;
    private final int burst;
    private double tokens;
    private long refilledAt;

    public TokenBucket(double perSecond, int burst, long nowMillis) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = nowMillis;
    }

    /** Takes one token if there is one. */
    public boolean take(long nowMillis) {
        refill(nowMillis);
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }

    /** Whether a token is there, without taking it. */
    boolean hasToken(long nowMillis) {
        refill(nowMillis);
        return tokens >= 1;
    }

    /** Whether the bucket is full again: its holder has been quiet long enough to be forgotten. */
    public boolean full(long nowMillis) {
        refill(nowMillis);
        return tokens >= burst;
    }

    private void refill(long nowMillis) {
        tokens = Math.min(burst, tokens + Math.max(0, nowMillis - refilledAt) * perSecond / 1_000.0);
        refilledAt = Math.max(refilledAt, nowMillis);
    }
}
