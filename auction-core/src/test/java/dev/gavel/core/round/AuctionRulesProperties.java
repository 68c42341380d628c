package dev.gavel.core.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import dev.gavel.primitives.Wei;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The price rule, the reserve, the cut-off and the per-builder limit of {@link AuctionRules}. */
class AuctionRulesProperties {
    private static final Gen<Long> AMOUNTS = Gen.longs(0, Long.MAX_VALUE);

    private static AuctionRules rules(AuctionFormat format, long reserve) {
        return new AuctionRules(AuctionFixtures.policy(format, reserve, 4));
    }

    @Test
    void secondPriceIsNeverAboveTheWinningBidNorBelowTheReserve() {
        Property.forAll(1000, AMOUNTS, AMOUNTS, AMOUNTS, (winner, runnerUp, reserve) -> {
            Property.assume(runnerUp <= winner && reserve <= winner);

            Wei price = rules(AuctionFormat.SECOND_PRICE, reserve).price(Wei.of(winner), Optional.of(Wei.of(runnerUp)));

            assertThat(price).isLessThanOrEqualTo(Wei.of(winner)).isGreaterThanOrEqualTo(Wei.of(reserve));
            assertThat(price).isEqualTo(Wei.of(Math.max(runnerUp, reserve)));
        });
    }

    @Test
    void secondPriceWithoutRunnerUpIsTheReserve() {
        Property.forAll(1000, AMOUNTS, AMOUNTS, (winner, reserve) -> {
            Property.assume(reserve <= winner);

            assertThat(rules(AuctionFormat.SECOND_PRICE, reserve).price(Wei.of(winner), Optional.empty()))
                    .isEqualTo(Wei.of(reserve));
        });
    }

    @Test
    void firstPriceIsTheWinningBid() {
        Property.forAll(1000, AMOUNTS, AMOUNTS, (winner, runnerUp) -> {
            Property.assume(runnerUp <= winner);

            assertThat(rules(AuctionFormat.FIRST_PRICE, 0).price(Wei.of(winner), Optional.of(Wei.of(runnerUp))))
                    .isEqualTo(Wei.of(winner));
        });
    }

    @Test
    void aWinnerBelowTheReserveIsAContractViolation() {
        Property.forAll(1000, Gen.longs(1, Long.MAX_VALUE), reserve -> {
            for (AuctionFormat format : AuctionFormat.values()) {
                assertThatThrownBy(() -> rules(format, reserve).price(Wei.of(reserve - 1), Optional.empty()))
                        .hasMessageContaining("below the reserve");
            }
        });
    }

    @Test
    void aValueBelowTheReserveIsRefusedAndAnyOtherIsNot() {
        Property.forAll(200, AMOUNTS, AMOUNTS, (value, reserve) -> {
            Optional<RejectionCode> refusal = rules(AuctionFormat.SECOND_PRICE, reserve)
                    .refusalOfValue(Wei.of(value))
                    .map(Rejection::code);

            assertThat(refusal)
                    .isEqualTo(value < reserve ? Optional.of(RejectionCode.BELOW_RESERVE) : Optional.empty());
        });
    }

    @Test
    void aBidIsLateExactlyAfterTheCutOffAndTheLimitCountsPerBuilder() {
        Property.forAll(200, Gen.longs(-2_000, 2_000), Gen.ints(0, 6), (offsetMillis, bidsSoFar) -> {
            AuctionRules rules = rules(AuctionFormat.FIRST_PRICE, 0);
            long timestamp = 1_800_000_000L;
            Instant deadline = rules.bidDeadline(timestamp);

            Optional<RejectionCode> refusal = rules.refusalToEnter(
                            deadline.plusMillis(offsetMillis), deadline, bidsSoFar)
                    .map(Rejection::code);

            assertThat(deadline)
                    .isEqualTo(Instant.ofEpochSecond(timestamp)
                            .minus(rules.policy().bidCutoff()));
            if (offsetMillis > 0) {
                assertThat(refusal).contains(RejectionCode.LATE_BID);
            } else if (bidsSoFar >= rules.policy().maxBidsPerBuilder()) {
                assertThat(refusal).contains(RejectionCode.TOO_MANY_BIDS);
            } else {
                assertThat(refusal).isEmpty();
            }
        });
    }
}
