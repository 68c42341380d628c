package dev.gavel.core.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.primitives.Wei;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The price rule, the reserve, the cut-off and the per-builder limit of {@link AuctionRules}. */
class AuctionRulesProperties {
    private static AuctionRules rules(AuctionFormat format, long reserve) {
        return new AuctionRules(AuctionFixtures.policy(format, reserve, 4));
    }

    @Property
    void secondPriceIsNeverAboveTheWinningBidNorBelowTheReserve(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long winner,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long runnerUp,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long reserve) {
        Assume.that(runnerUp <= winner && reserve <= winner);

        Wei price = rules(AuctionFormat.SECOND_PRICE, reserve).price(Wei.of(winner), Optional.of(Wei.of(runnerUp)));

        assertThat(price).isLessThanOrEqualTo(Wei.of(winner)).isGreaterThanOrEqualTo(Wei.of(reserve));
        assertThat(price).isEqualTo(Wei.of(Math.max(runnerUp, reserve)));
    }

    @Property
    void secondPriceWithoutRunnerUpIsTheReserve(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long winner,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long reserve) {
        Assume.that(reserve <= winner);

        assertThat(rules(AuctionFormat.SECOND_PRICE, reserve).price(Wei.of(winner), Optional.empty()))
                .isEqualTo(Wei.of(reserve));
    }

    @Property
    void firstPriceIsTheWinningBid(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long winner,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long runnerUp) {
        Assume.that(runnerUp <= winner);

        assertThat(rules(AuctionFormat.FIRST_PRICE, 0).price(Wei.of(winner), Optional.of(Wei.of(runnerUp))))
                .isEqualTo(Wei.of(winner));
    }

    @Property
    void aWinnerBelowTheReserveIsAContractViolation(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long reserve) {
        for (AuctionFormat format : AuctionFormat.values()) {
            assertThatThrownBy(() -> rules(format, reserve).price(Wei.of(reserve - 1), Optional.empty()))
                    .hasMessageContaining("below the reserve");
        }
    }

    @Property(tries = 200)
    void aValueBelowTheReserveIsRefusedAndAnyOtherIsNot(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long value,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long reserve) {
        Optional<RejectionCode> refusal = rules(AuctionFormat.SECOND_PRICE, reserve)
                .refusalOfValue(Wei.of(value))
                .map(r -> r.code());

        assertThat(refusal).isEqualTo(value < reserve ? Optional.of(RejectionCode.BELOW_RESERVE) : Optional.empty());
    }

    @Property(tries = 200)
    void aBidIsLateExactlyAfterTheCutOffAndTheLimitCountsPerBuilder(
            @ForAll @LongRange(min = -2_000, max = 2_000) long offsetMillis, @ForAll @IntRange(max = 6) int bidsSoFar) {
        AuctionRules rules = rules(AuctionFormat.FIRST_PRICE, 0);
        long timestamp = 1_800_000_000L;
        Instant deadline = rules.bidDeadline(timestamp);
        Instant receivedAt = deadline.plusMillis(offsetMillis);

        assertThat(deadline)
                .isEqualTo(Instant.ofEpochSecond(timestamp).minus(rules.policy().bidCutoff()));
        Optional<RejectionCode> refusal =
                rules.refusalToEnter(receivedAt, deadline, bidsSoFar).map(r -> r.code());
        if (offsetMillis > 0) {
            assertThat(refusal).contains(RejectionCode.LATE_BID);
        } else if (bidsSoFar >= rules.policy().maxBidsPerBuilder()) {
            assertThat(refusal).contains(RejectionCode.TOO_MANY_BIDS);
        } else {
            assertThat(refusal).isEmpty();
        }
    }
}
