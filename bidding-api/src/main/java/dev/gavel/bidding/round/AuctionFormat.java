package dev.gavel.bidding.round;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gavel.primitives.Wei;
import java.util.Optional;

/** How the winner's price is set. Written as "first-price" or "second-price". */
public sealed interface AuctionFormat {
    FirstPrice FIRST_PRICE = new FirstPrice();
    SecondPrice SECOND_PRICE = new SecondPrice();

    @JsonValue
    String name();

    /**
     * The price the winner pays, given its bid, the best bid of another builder (if any) and the reserve.
     * Intake admits no bid below the reserve, so {@code winningBid >= reserve} always holds here.
     */
    Wei price(Wei winningBid, Optional<Wei> runnerUp, Wei reserve);

    @JsonCreator
    static AuctionFormat named(String name) {
        return switch (name) {
            case "first-price" -> FIRST_PRICE;
            case "second-price" -> SECOND_PRICE;
            default ->
                throw new IllegalArgumentException(
                        "unknown auction format \"" + name + "\" (first-price or second-price)");
        };
    }

    /** The winner pays its own bid. */
    record FirstPrice() implements AuctionFormat {
        @Override
        public String name() {
            return "first-price";
        }

        @Override
        public Wei price(Wei winningBid, Optional<Wei> runnerUp, Wei reserve) {
            requireAtLeastReserve(winningBid, reserve);
            return winningBid;
        }
    }

    /** The winner pays the best bid of another builder, and never less than the reserve. */
    record SecondPrice() implements AuctionFormat {
        @Override
        public String name() {
            return "second-price";
        }

        @Override
        public Wei price(Wei winningBid, Optional<Wei> runnerUp, Wei reserve) {
            requireAtLeastReserve(winningBid, reserve);
            runnerUp.filter(winningBid::isLessThan).ifPresent(r -> {
                throw new IllegalArgumentException("runner-up " + r + " outbids the winner " + winningBid);
            });
            return Wei.max(runnerUp.orElse(Wei.ZERO), reserve);
        }
    }

    private static void requireAtLeastReserve(Wei winningBid, Wei reserve) {
        if (winningBid.isLessThan(reserve)) {
            throw new IllegalArgumentException("winning bid " + winningBid + " is below the reserve " + reserve);
        }
    }
}
