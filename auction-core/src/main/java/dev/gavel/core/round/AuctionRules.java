package dev.gavel.core.round;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Wei;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of one block's auction, in one place: the bid cut-off, the per-builder limit, the reserve, which
 * bid beats which (higher value, then earlier arrival), and the price the format sets. A round applies them;
 * nothing else decides any of these.
 */
public final class AuctionRules {
    /** Higher value first; on a tie, the earlier arrival. */
    private static final Comparator<AcceptedBid> BETTER_FIRST =
            Comparator.comparing(AcceptedBid::value).reversed().thenComparingLong(AcceptedBid::arrival);

    private final AuctionPolicy policy;

    public AuctionRules(AuctionPolicy policy) {
        this.policy = policy;
    }

    public AuctionPolicy policy() {
        return policy;
    }

    /** Bids close the policy's cut-off before the block's timestamp (seconds since the epoch). */
    public Instant bidDeadline(long blockTimestamp) {
        return Instant.ofEpochSecond(blockTimestamp).minus(policy.bidCutoff());
    }

    /** Why a bid received at {@code receivedAt} may not enter, given its builder's bids so far; empty if it may. */
    public Optional<Rejection> refusalToEnter(Instant receivedAt, Instant deadline, int bidsOfBuilder) {
        if (receivedAt.isAfter(deadline)) {
            return refuse(
                    RejectionCode.LATE_BID, "bid received at " + receivedAt + " is after the deadline " + deadline);
        }
        if (bidsOfBuilder >= policy.maxBidsPerBuilder()) {
            return refuse(
                    RejectionCode.TOO_MANY_BIDS,
                    "at most " + policy.maxBidsPerBuilder() + " bids per builder per round");
        }
        return Optional.empty();
    }

    public Optional<Rejection> refusalOfValue(Wei value) {
        return value.isLessThan(policy.reservePrice())
                ? refuse(
                        RejectionCode.BELOW_RESERVE,
                        "bid value " + value + " is below the reserve " + policy.reservePrice())
                : Optional.empty();
    }

    /** Whether {@code bid} beats {@code other}: the round's leader is the durable bid that beats every other. */
    public static boolean beats(AcceptedBid bid, AcceptedBid other) {
        return BETTER_FIRST.compare(bid, other) < 0;
    }

    /**
     * The winner (the best bid), the runner-up (the best bid of another builder) and the winner's price. Only
     * a builder's best bid counts; every bid was admitted at or above the reserve.
     */
    public Decision decide(Collection<AcceptedBid> bids) {
        Map<Address, AcceptedBid> bestPerBuilder = new HashMap<>();
        bids.forEach(bid -> bestPerBuilder.merge(bid.builder(), bid, (a, b) -> beats(b, a) ? b : a));
        Optional<AcceptedBid> winner = bestPerBuilder.values().stream().min(BETTER_FIRST);
        Optional<AcceptedBid> runnerUp = winner.flatMap(w -> bestPerBuilder.values().stream()
                .filter(b -> !b.builder().equals(w.builder()))
                .min(BETTER_FIRST));
        return new Decision(winner, runnerUp, winner.map(w -> price(w.value(), runnerUp.map(AcceptedBid::value))));
    }

    /**
     * First price (and ex ante, where the bid is for the slot): the winning bid. Second price: the best bid of
     * another builder, and never less than the reserve.
     */
    Wei price(Wei winningBid, Optional<Wei> runnerUp) {
        if (winningBid.isLessThan(policy.reservePrice())) {
            throw new IllegalArgumentException(
                    "winning bid " + winningBid + " is below the reserve " + policy.reservePrice());
        }
        if (runnerUp.filter(winningBid::isLessThan).isPresent()) {
            throw new IllegalArgumentException("runner-up " + runnerUp.get() + " outbids the winner " + winningBid);
        }
        return policy.format() == AuctionFormat.SECOND_PRICE
                ? Wei.max(runnerUp.orElse(Wei.ZERO), policy.reservePrice())
                : winningBid;
    }

    private static Optional<Rejection> refuse(RejectionCode code, String message) {
        return Optional.of(new Rejection(code, message));
    }

    /** Who won, who came second, and what the winner pays. */
    public record Decision(Optional<AcceptedBid> winner, Optional<AcceptedBid> runnerUp, Optional<Wei> price) {}
}
