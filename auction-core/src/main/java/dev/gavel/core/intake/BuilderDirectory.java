package dev.gavel.core.intake;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Wei;
import java.util.Optional;

/** Who may bid: a static allowlist, attested builders, or the BuilderHub mirror (registered, allowed, funded). */
public interface BuilderDirectory {
    /** Why {@code builder} may not bid under {@code policy}; empty when it may. */
    Optional<Rejection> refusal(Address builder, AuctionPolicy policy);

    /**
     * What {@code builder}'s escrow backs now: its balance less a live withdrawal request (the BuilderHub), or
     * its configured credit; empty (the default) when it has no limit.
     */
    default Optional<Wei> escrow(Address builder) {
        return Optional.empty();
    }

    static Optional<Rejection> unknown(Address builder) {
        return Optional.of(new Rejection(RejectionCode.UNKNOWN_BUILDER, "builder " + builder + " is not admitted"));
    }

    static Optional<Rejection> suspended(Address builder) {
        return Optional.of(new Rejection(RejectionCode.UNKNOWN_BUILDER, "builder " + builder + " is suspended"));
    }

    static Optional<Rejection> belowMinimumBalance(Address builder, AuctionPolicy policy) {
        return Optional.of(new Rejection(
                RejectionCode.UNKNOWN_BUILDER,
                "builder " + builder + " holds less than the minimum balance " + policy.minBuilderBalance()));
    }
}
