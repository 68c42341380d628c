package dev.gavel.service.builders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.fixtures.SteppingClock;
import dev.gavel.primitives.Address;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BidLimitsTest {
    static final Address ALICE = Address.fromHex("0x" + "a1".repeat(20));
    static final Address BOB = Address.fromHex("0x" + "b0".repeat(20));

    final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-29T12:00:00Z"));

    @Test
    void aBurstIsTakenThenTheRateRefillsIt() {
        BidLimits limits = new BidLimits(clock, 100, 100, 2, 3);

        for (int i = 0; i < 3; i++) {
            assertThat(limits.acquire(ALICE)).isEmpty();
        }
        assertThat(code(limits.acquire(ALICE))).isEqualTo(RejectionCode.RATE_LIMITED);
        assertThat(limits.acquire(BOB)).as("another builder's bucket").isEmpty();

        clock.advance(Duration.ofMillis(500));
        assertThat(limits.acquire(ALICE))
                .as("one token after half a second at 2/s")
                .isEmpty();
        assertThat(code(limits.acquire(ALICE))).isEqualTo(RejectionCode.RATE_LIMITED);

        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThat(limits.acquire(ALICE)).isEmpty();
        }
        assertThat(code(limits.acquire(ALICE)))
                .as("the bucket holds no more than the burst")
                .isEqualTo(RejectionCode.RATE_LIMITED);
    }

    @Test
    void oneBuilderCannotTakeMoreThanItsShareOfThePendingSlots() {
        BidLimits limits = new BidLimits(clock, 3, 2, 1_000, 1_000);

        assertThat(limits.acquire(ALICE)).isEmpty();
        assertThat(limits.acquire(ALICE)).isEmpty();
        assertThat(limits.acquire(ALICE))
                .map(Rejection::message)
                .hasValueSatisfying(message -> assertThat(message).contains("already has 2 bids waiting"));
        assertThat(limits.acquire(BOB)).isEmpty();
        assertThat(limits.acquire(BOB))
                .map(Rejection::message)
                .hasValueSatisfying(message -> assertThat(message).contains("intake is saturated"));
        assertThat(limits.pending()).isEqualTo(3);

        limits.release(ALICE);

        assertThat(limits.pending()).isEqualTo(2);
        assertThat(limits.acquire(BOB)).isEmpty();
        assertThat(code(limits.acquire(ALICE))).isEqualTo(RejectionCode.UNAVAILABLE);
    }

    private static RejectionCode code(Optional<Rejection> refusal) {
        assertThat(refusal).isPresent();
        return refusal.get().code();
    }
}
