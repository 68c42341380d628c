package dev.gavel.core.chain;

import dev.gavel.bidding.round.Outcome;
import dev.gavel.primitives.Hash32;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for every won block, whether it became canonical: payable when the chain ending in the safe head
 * has the winner's hash at that height, not included when it has another; pending while the safe head is
 * below it, however the unsafe head moves. A safe-chain reorg before settlement flips the decision back; an
 * outcome is watched until the head is {@code watchBlocks} past it.
 */
public final class InclusionTracker {
    private final ChainHeads heads;
    private final long watchBlocks;
    private final Listener listener;
    private final Map<Long, Watched> watched = new HashMap<>();

    public InclusionTracker(ChainHeads heads, long watchBlocks, Listener listener) {
        this.heads = heads;
        this.watchBlocks = watchBlocks;
        this.listener = listener;
    }

    /** Starts watching a won block (outcomes without a winner have nothing to include). */
    public void watch(Outcome outcome) {
        if (outcome.hasWinner()) {
            watch(WonBlock.of(outcome), Inclusion.PENDING);
        }
    }

    /** Watches a won block from where it stood: after a restart, its inclusion as recorded. */
    public synchronized void watch(WonBlock won, Inclusion state) {
        watched.put(won.roundId(), new Watched(won, state));
        evaluate(won.roundId());
    }

    /**
     * Re-decides every watched outcome against the current heads; called whenever they may have moved. A block
     * still pending when the head is {@code watchBlocks} past it is given up on: its height left what is known here.
     */
    public synchronized void headsChanged() {
        long head = heads.latest().map(h -> h.number().value()).orElse(-1L);
        List.copyOf(watched.values()).stream()
                .filter(w -> head - w.won().number().value() > watchBlocks)
                .forEach(w -> {
                    watched.remove(w.won().roundId());
                    if (w.state() == Inclusion.PENDING) {
                        listener.undecided(w.won());
                    }
                });
        List.copyOf(watched.keySet()).forEach(this::evaluate);
    }

    synchronized Optional<Inclusion> inclusionOf(long roundId) {
        return Optional.ofNullable(watched.get(roundId)).map(Watched::state);
    }

    private void evaluate(long roundId) {
        Watched w = watched.get(roundId);
        WonBlock won = w.won();
        // only the safe chain decides: an unsafe head can still reorg, and a block charged for must stay.
        // A height the safe head has not reached (or no longer known here) leaves the decision as it stands.
        heads.safeAt(won.number()).ifPresent(canonical -> {
            Inclusion now = canonical.equals(won.blockHash()) ? Inclusion.PAYABLE : Inclusion.NOT_INCLUDED;
            if (now != w.state()) {
                watched.put(roundId, new Watched(won, now));
                listener.inclusionChanged(won, now, canonical);
            }
        });
    }

    /** What the tracker tells of the won blocks it watches. */
    public interface Listener {
        /** The won block became payable or not included ({@code canonical} is the safe chain's block there). */
        void inclusionChanged(WonBlock won, Inclusion state, Hash32 canonical);

        /** The won block was still pending when the head left it {@code watchBlocks} behind: no longer watched. */
        void undecided(WonBlock won);
    }

    private record Watched(WonBlock won, Inclusion state) {}
}
