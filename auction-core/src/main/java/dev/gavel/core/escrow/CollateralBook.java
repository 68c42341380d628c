package dev.gavel.core.escrow;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Wei;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each builder's escrow already stands behind, so that no builder wins what it cannot pay: the price of
 * every win not yet settled, and its best accepted bid in every other open round. A bid is taken only if
 * {@code escrow − unsettled wins − best bids elsewhere ≥ value}, checked and recorded in one step.
 */
public final class CollateralBook {
    private final Map<Address, Map<Long, List<Wei>>> openBids = new HashMap<>();
    private final Map<Address, Map<Long, Wei>> unsettledWins = new HashMap<>();
    private final Map<Long, Address> winners = new HashMap<>();

    /**
     * Why {@code builder}'s escrow cannot stand behind {@code value} in round {@code roundId}; empty when it can.
     * {@code escrow} is what the escrow backs now (its balance less a live withdrawal request); empty when the
     * builder has no limit (no chain and no configured credit).
     */
    public synchronized Optional<Rejection> refusal(Address builder, long roundId, Wei value, Optional<Wei> escrow) {
        if (escrow.isEmpty()) {
            return Optional.empty();
        }
        Wei committed = committed(builder, roundId);
        Wei free = escrow.get().isLessThan(committed) ? Wei.ZERO : escrow.get().minus(committed);
        return free.isLessThan(value)
                ? Optional.of(new Rejection(
                        RejectionCode.INSUFFICIENT_ESCROW,
                        "bid value " + value + " exceeds what builder " + builder + "'s escrow still backs: " + free
                                + " (escrow " + escrow.get() + " less " + committed
                                + " owed for unsettled wins and best bids in other open rounds)"))
                : Optional.empty();
    }

    /** As {@link #refusal}, and when there is none records the bid in the same step, so racing bids cannot both pass. */
    public synchronized Optional<Rejection> reserve(Address builder, long roundId, Wei value, Optional<Wei> escrow) {
        Optional<Rejection> refusal = refusal(builder, roundId, value, escrow);
        if (refusal.isEmpty()) {
            openBids.computeIfAbsent(builder, b -> new HashMap<>())
                    .computeIfAbsent(roundId, r -> new ArrayList<>())
                    .add(value);
        }
        return refusal;
    }

    /** Gives back a reservation whose bid was not admitted after all. */
    public synchronized void release(Address builder, long roundId, Wei value) {
        Map<Long, List<Wei>> rounds = openBids.getOrDefault(builder, Map.of());
        List<Wei> values = rounds.get(roundId);
        if (values != null && values.remove(value) && values.isEmpty()) {
            rounds.remove(roundId);
        }
    }

    /** A round closed: its bids stop counting, and the winner (if any) owes its price until the win is resolved. */
    public synchronized void roundClosed(long roundId, Optional<Address> winner, Optional<Wei> price) {
        openBids.values().forEach(rounds -> rounds.remove(roundId));
        winner.ifPresent(w -> owe(roundId, w, price.orElseThrow()));
    }

    /** A win still owed, as recorded before a restart. */
    public synchronized void owe(long roundId, Address winner, Wei price) {
        unsettledWins.computeIfAbsent(winner, b -> new HashMap<>()).put(roundId, price);
        winners.put(roundId, winner);
    }

    /** The win of round {@code roundId} no longer needs escrow: settled (escrow now shows it), skipped, or not included. */
    public synchronized void winResolved(long roundId) {
        Address winner = winners.remove(roundId);
        if (winner != null) {
            unsettledWins.getOrDefault(winner, new HashMap<>()).remove(roundId);
        }
    }

    /** The rounds whose wins are owed (not yet resolved). */
    public synchronized Set<Long> unresolvedWins() {
        return Set.copyOf(winners.keySet());
    }

    /** What {@code builder} owes for unsettled wins and stands behind in open rounds other than {@code roundId}. */
    public synchronized Wei committed(Address builder, long roundId) {
        Wei total = Wei.ZERO;
        for (Wei price : unsettledWins.getOrDefault(builder, Map.of()).values()) {
            total = total.plus(price);
        }
        for (Map.Entry<Long, List<Wei>> round :
                openBids.getOrDefault(builder, Map.of()).entrySet()) {
            if (round.getKey() != roundId) {
                total = total.plus(round.getValue().stream().reduce(Wei.ZERO, Wei::max));
            }
        }
        return total;
    }
}
