package dev.gavel.bidding.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.primitives.Wei;
import java.util.Optional;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class AuctionFormatProperties {
    @Property
    void secondPriceIsNeverAboveTheWinningBidNorBelowTheReserve(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long winner,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long runnerUp,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long reserve) {
        Assume.that(runnerUp <= winner && reserve <= winner);

        Wei price = AuctionFormat.SECOND_PRICE.price(Wei.of(winner), Optional.of(Wei.of(runnerUp)), Wei.of(reserve));

        assertThat(price).isLessThanOrEqualTo(Wei.of(winner)).isGreaterThanOrEqualTo(Wei.of(reserve));
        assertThat(price).isEqualTo(Wei.of(Math.max(runnerUp, reserve)));
    }

    @Property
    void secondPriceWithoutRunnerUpIsTheReserve(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long winner,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long reserve) {
        Assume.that(reserve <= winner);

        assertThat(AuctionFormat.SECOND_PRICE.price(Wei.of(winner), Optional.empty(), Wei.of(reserve)))
                .isEqualTo(Wei.of(reserve));
    }

    @Property
    void firstPriceIsTheWinningBid(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long winner,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long runnerUp) {
        Assume.that(runnerUp <= winner);

        assertThat(AuctionFormat.FIRST_PRICE.price(Wei.of(winner), Optional.of(Wei.of(runnerUp)), Wei.ZERO))
                .isEqualTo(Wei.of(winner));
    }

    @Property
    void aWinnerBelowTheReserveIsAContractViolation(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long reserve) {
        assertThatThrownBy(
                        () -> AuctionFormat.FIRST_PRICE.price(Wei.of(reserve - 1), Optional.empty(), Wei.of(reserve)))
                .hasMessageContaining("below the reserve");
        assertThatThrownBy(
                        () -> AuctionFormat.SECOND_PRICE.price(Wei.of(reserve - 1), Optional.empty(), Wei.of(reserve)))
                .hasMessageContaining("below the reserve");
    }
}
