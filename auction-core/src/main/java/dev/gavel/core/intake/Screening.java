package dev.gavel.core.intake;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.primitives.Address;

/**
 * What intake made of a bid's header and its signature alone, before the body was read past them: refused
 * (cheaply, and without trusting the builder the header names unless its signature held), or passed, with the
 * builder now authenticated.
 */
public sealed interface Screening {
    /** The header passed: the rest of the body may be read and judged by {@link BidIntake#evaluate(Passed, byte[], dev.gavel.bidding.seal.BidEncoding, java.util.function.Consumer)}. */
    final class Passed implements Screening {
        final BidUnderReview bid;

        Passed(BidUnderReview bid) {
            this.bid = bid;
        }

        /** The builder whose signature the header carries, admitted to the round it names. */
        public Address builder() {
            return bid.header.builder();
        }

        /** This authenticated bid, turned away by the transport (its builder over its limits) before its body. */
        public IntakeResult.Rejected turnedAway(Rejection rejection) {
            return new IntakeResult.Rejected(rejection, bid.attempt(), true, bid.stages.timings());
        }
    }

    /** Refused, before reading the body. */
    record Refused(IntakeResult.Rejected result) implements Screening {}
}
