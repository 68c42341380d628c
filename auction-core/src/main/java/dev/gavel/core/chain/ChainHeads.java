package dev.gavel.core.chain;

import dev.gavel.bidding.block.FeeInputs;
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
    private volatile Head safe;

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

    /** Marks a known block as the head (forkchoice update). */
    public synchronized void setHead(Hash32 hash) {
        Head head = byHash.get(hash);
        if (head != null) {
            latest = head;
        }
    }

    /**
     * Marks a known block as the safe head (the forkchoice update's {@code safeBlockHash}: derived from L1, so
     * an unsafe reorg cannot take it back). An unknown hash leaves the safe head where it was.
     */
    public synchronized void setSafe(Hash32 hash) {
        Head head = byHash.get(hash);
        if (head != null) {
            safe = head;
        }
    }

    /**
     * The hash at {@code number} of the chain that ends in the safe head, found by walking its parent links;
     * empty when the safe head is below {@code number} or the walk leaves the recent blocks known here.
     */
    public synchronized Optional<Hash32> safeAt(BlockNumber number) {
        Head head = safe;
        while (head != null && head.number().compareTo(number) > 0) {
            head = byHash.get(head.parentHash());
        }
        return head != null && head.number().equals(number) ? Optional.of(head.hash()) : Optional.empty();
    }

    public Optional<Head> latest() {
        return Optional.ofNullable(latest);
    }

    /**
     * A block as the sequencer declared it, with the header fields its child's base fee follows from (absent
     * where a caller knows only the block's identity).
     */
    public record Head(Hash32 hash, BlockNumber number, Hash32 parentHash, long timestamp, Optional<FeeInputs> fees) {
        public Head(Hash32 hash, BlockNumber number, Hash32 parentHash, long timestamp) {
            this(hash, number, parentHash, timestamp, Optional.empty());
        }
    }
}
