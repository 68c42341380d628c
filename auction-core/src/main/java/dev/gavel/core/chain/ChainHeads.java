package dev.gavel.core.chain;

import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The recent blocks the sequencer declared (engine_newPayload), so a forkchoice update's head hash can be
 * given its number, and the latest one answers rollup-boost's health check. Bounded.
 */
public final class ChainHeads {
    private final int capacity;
    private final Map<Hash32, Head> byHash;
    private volatile Head latest;

    public ChainHeads(int capacity) {
        this.capacity = capacity;
        this.byHash = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash32, Head> eldest) {
                return size() > ChainHeads.this.capacity;
            }
        };
    }

    public synchronized void record(Head head) {
        byHash.put(head.hash(), head);
        if (latest == null || head.number().compareTo(latest.number()) >= 0) {
            latest = head;
        }
    }

    public synchronized Optional<Head> byHash(Hash32 hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    /** Marks a known block as the head (forkchoice update without attributes). */
    public synchronized void setHead(Hash32 hash) {
        Head head = byHash.get(hash);
        if (head != null) {
            latest = head;
        }
    }

    /**
     * The hash at {@code number} of the chain that ends in the latest head, found by walking its parent
     * links; empty when the walk leaves the recent blocks known here or the head is below {@code number}.
     */
    public synchronized Optional<Hash32> canonicalAt(BlockNumber number) {
        Head head = latest;
        while (head != null && head.number().compareTo(number) > 0) {
            head = byHash.get(head.parentHash());
        }
        return head != null && head.number().equals(number) ? Optional.of(head.hash()) : Optional.empty();
    }

    public Optional<Head> latest() {
        return Optional.ofNullable(latest);
    }

    /** A block as the sequencer declared it. */
    public record Head(Hash32 hash, BlockNumber number, Hash32 parentHash, long timestamp) {}
}
