package dev.gavel.simulation;

/**
 * How a simulated builder bids: values uniform in [{@code minValue}, {@code maxValue}] wei, {@code bidsPerRound}
 * bids each round with blocks of {@code transactions} user transactions, a share of invalid bids (the bid
 * names another block than its payload) and a share of late bids (sent after the round closed).
 */
public record BuilderStrategy(
        long minValue, long maxValue, int bidsPerRound, int transactions, double invalidShare, double lateShare) {
    public BuilderStrategy {
        if (minValue < 0 || maxValue < minValue || bidsPerRound < 1 || transactions < 0) {
            throw new IllegalArgumentException(
                    "need 0 ≤ min ≤ max value, at least one bid per round and no negative transaction count");
        }
        if (invalidShare < 0 || invalidShare > 1 || lateShare < 0 || lateShare > 1) {
            throw new IllegalArgumentException("shares are between 0 and 1");
        }
    }
}
