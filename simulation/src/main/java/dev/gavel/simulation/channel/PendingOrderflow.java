package dev.gavel.simulation.channel;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ObjLongConsumer;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;

/**
 * What a builder knows from its channel to build the next block: the chain's orderflow not yet in one of the
 * chain's blocks, in the order the sequencer received it (so each sender's nonces stay in order), and the build
 * jobs. When the build job for a block arrives, the orderflow pending at that moment is that block's: every block
 * the chain declared before the job (the sequence is one) has taken its transactions out already.
 */
public final class PendingOrderflow implements ChannelClient.Handler {
    /** At most this many transactions are held (the oldest go first) and put into one block. */
    private final int capacity;

    private final Map<Hash32, Bytes> pending = new LinkedHashMap<>();
    private final Map<BlockNumber, CompletableFuture<List<Bytes>>> jobs = new ConcurrentHashMap<>();
    private final ObjLongConsumer<Hash32> delivered;

    /** {@code delivered}: told each transaction's hash and when it arrived, as it arrives. */
    public PendingOrderflow(int capacity, ObjLongConsumer<Hash32> delivered) {
        this.capacity = capacity;
        this.delivered = delivered;
    }

    /**
     * The orderflow to build block {@code number} from: completes when its build job arrives on the channel, with
     * what was pending then.
     */
    public CompletableFuture<List<Bytes>> forBlock(BlockNumber number) {
        return jobs.computeIfAbsent(number, n -> new CompletableFuture<>());
    }

    @Override
    public void message(JsonNode message, long receivedNanos) {
        switch (message.path("type").asString("")) {
            case "transaction" -> transaction(message, receivedNanos);
            case "block" -> included(message.path("payload").path("transactions"));
            case "buildJob" -> buildJob(message.path("job").path("blockNumber"));
            default -> {} // forkchoice states and outcomes: nothing to build from
        }
    }

    private void transaction(JsonNode message, long receivedNanos) {
        Hash32 hash = Hash32.fromHex(message.path("hash").asString());
        Bytes raw = Bytes.fromHex(message.path("raw").asString());
        if (!Hash32.of(Hash.sha3(raw.toArray())).equals(hash)) {
            return; // not what it claims to be: nothing to build with
        }
        delivered.accept(hash, receivedNanos);
        synchronized (pending) {
            pending.putIfAbsent(hash, raw);
            if (pending.size() > capacity) {
                Iterator<Hash32> oldest = pending.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
    }

    private void included(JsonNode transactions) {
        synchronized (pending) {
            for (JsonNode transaction : transactions) {
                pending.remove(Hash32.of(
                        Hash.sha3(Bytes.fromHex(transaction.asString()).toArray())));
            }
        }
    }

    private void buildJob(JsonNode blockNumber) {
        BlockNumber number = WireJson.MAPPER.treeToValue(blockNumber, BlockNumber.class);
        List<Bytes> snapshot;
        synchronized (pending) {
            snapshot = new ArrayList<>(pending.values());
        }
        forBlock(number).complete(snapshot);
        jobs.keySet().removeIf(older -> older.value() + 16 < number.value());
    }
}
