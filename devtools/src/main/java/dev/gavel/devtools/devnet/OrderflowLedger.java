package dev.gavel.devtools.devnet;

import dev.gavel.devtools.bench.Latencies;
import dev.gavel.primitives.Hash32;
import dev.gavel.simulation.SimulatedRollupBoost;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.crypto.Hash;

/**
 * The devnet's orderflow from both ends: when each transaction was first sent to Gavel, how long it took to
 * reach each builder on its channel, and which ended in a block the sequencer made canonical from a winning bid.
 */
final class OrderflowLedger {
    private final Map<Hash32, Long> sentNanos = new ConcurrentHashMap<>();
    private final Set<Hash32> included = ConcurrentHashMap.newKeySet();
    private final Latencies delivered = new Latencies();

    /** {@code hash} sent at {@code nanos} ({@link System#nanoTime}); a transaction sent again keeps its first time. */
    void sent(Hash32 hash, long nanos) {
        sentNanos.putIfAbsent(hash, nanos);
    }

    /** {@code hash} reached a builder at {@code nanos}; transactions the devnet did not send are not its to time. */
    void delivered(Hash32 hash, long nanos) {
        Long sent = sentNanos.get(hash);
        if (sent != null) {
            delivered.record(nanos - sent);
        }
    }

    /** A block made the head: when a winning bid's, what it carries counts as included. */
    void madeHead(SimulatedRollupBoost.BlockResult block) {
        if (!block.fallback()) {
            block.transactions().forEach(raw -> included.add(Hash32.of(Hash.sha3(raw.toArray()))));
        }
    }

    long sent() {
        return sentNanos.size();
    }

    double deliveredP99Millis() {
        return delivered.percentileMillis(0.99);
    }

    /** The share of the transactions sent that are in a canonical won block (0 before any was sent). */
    double includedShare() {
        if (sentNanos.isEmpty()) {
            return 0;
        }
        return (double) sentNanos.keySet().stream().filter(included::contains).count() / sentNanos.size();
    }
}
