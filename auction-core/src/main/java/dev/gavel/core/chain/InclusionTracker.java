package dev.gavel.core.chain;

import dev.gavel.bidding.round.Outcome;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Decides, for every won block, whether it became canonical: payable when the chain ending in the safe head
 * has the winner's hash at that height, not included when it has another; pending while the safe head is
 * below it, however the unsafe head moves. A safe-chain reorg before settlement flips the decision back; an
 * outcome is watched until the head is {@code watchBlocks} past it.
 */
public final class InclusionTracker {
    private final ChainHeads heads;
    private final long watchBlocks;
    private final BiConsumer<Long, Inclusion> changes;
    private final Map<Long, Watched> watched = new HashMap<>();

    public InclusionTracker(ChainHeads heads, long watchBlocks, BiConsumer<Long, Inclusion> changes) {
        this.heads = heads;
        this.watchBlocks = watchBlocks;
        this.changes = changes;
    }

    /** Starts watching a won block (outcomes without a winner have nothing to include). */
    public synchronized void watch(Outcome outcome) {
        if (outcome.hasWinner()) {
            watched.put(outcome.roundId(), new Watched(outcome.blockNumber(), outcome.blockHash(), Inclusion.PENDING));
            evaluate(outcome.roundId());
        }
    }

    /**
     * Watches a won block another instance decided {@code state} for (a takeover): its decision stands until the
     * safe chain revises it.
     */
    public synchronized void resume(long roundId, BlockNumber number, Hash32 blockHash, Inclusion state) {
        watched.put(roundId, new Watched(number, blockHash, state));
        evaluate(roundId);
    }

    /** Re-decides every watched outcome against the current head; called whenever the head may have moved. */
    public synchronized void headsChanged() {
        long head = heads.latest().map(h -> h.number().value()).orElse(-1L);
        watched.entrySet().removeIf(e -> head - e.getValue().number().value() > watchBlocks);
        List.copyOf(watched.keySet()).forEach(this::evaluate);
    }

    synchronized Optional<Inclusion> inclusionOf(long roundId) {
        return Optional.ofNullable(watched.get(roundId)).map(Watched::state);
    }

    private void evaluate(long roundId) {
        Watched w = watched.get(roundId);
        // only the safe chain decides: an unsafe head can still reorg, and a block charged for must stay.
        // A height the safe head has not reached (or no longer known here) leaves the decision as it stands.
        Inclusion now = heads.safeAt(w.number())
                .map(canonical -> canonical.equals(w.blockHash()) ? Inclusion.PAYABLE : Inclusion.NOT_INCLUDED)
                .orElse(w.state());
        if (now != w.state()) {
            watched.put(roundId, new Watched(w.number(), w.blockHash(), now));
            changes.accept(roundId, now);
        }
    }

    private record Watched(BlockNumber number, Hash32 blockHash, Inclusion state) {}
}
