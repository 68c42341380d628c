package dev.gavel.service.channel;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.round.BuildJob;
import dev.gavel.bidding.round.Outcome;
import dev.gavel.core.auction.AuctionEvents;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Hex;
import dev.gavel.service.broadcast.Broadcast;
import dev.gavel.service.engineapi.ChainFeed;
import dev.gavel.service.orderflow.Bundle;
import dev.gavel.service.orderflow.BundleFlow;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything the builder channel pushes, numbered in one sequence: build jobs, outcomes, the sequencer's
 * blocks and forkchoice states, and its orderflow (forwarded transactions, signed bundles). Each message is serialized once and fanned out by a
 * {@link Broadcast}: a builder that falls a whole buffer behind is cut off at once, losing only its own messages. The last {@code window} messages are kept (and no more than
 * {@code windowBytes} of them: blocks are large), so a builder that reconnects
 * names the last sequence number it saw and gets what it missed first, or a {@code gap} message when that
 * is no longer kept. A transaction seen again (by hash) within the window is not sent twice. Messages are
 * numbered, written and fanned out on the {@code publisher} (in the service, a thread of the channel's own), never
 * on the caller's: the Engine API's loop, which hands in blocks and forwarded transactions, also answers getPayload.
 */
public final class ChannelFeed implements AuctionEvents, ChainFeed, BundleFlow {
    private final Clock clock;
    private final int window;
    private final long windowBytes;
    private final ArrayDeque<Sequenced> recent;
    private final Map<Hash32, Boolean> recentTransactions;
    private final Broadcast<String> live;
    private final Executor publisher;
    private long sequence;
    private long keptBytes;

    /** A feed that publishes on the caller's thread. */
    public ChannelFeed(Clock clock, int window, long windowBytes, int bufferSize) {
        this(clock, window, windowBytes, bufferSize, nanos -> {}, Runnable::run);
    }

    /**
     * {@code delivered}: each message's nanoseconds from publication until a builder's connection took it;
     * {@code publisher}: where messages are numbered, written and fanned out, one at a time and in order.
     */
    public ChannelFeed(
            Clock clock, int window, long windowBytes, int bufferSize, LongConsumer delivered, Executor publisher) {
        this.clock = clock;
        this.publisher = publisher;
        this.window = window;
        this.windowBytes = windowBytes;
        this.live = new Broadcast<>(bufferSize, text -> text, delivered);
        this.recent = new ArrayDeque<>(window);
        this.recentTransactions = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash32, Boolean> eldest) {
                return size() > window;
            }
        };
    }

    @Override
    public void transactionReceived(Hash32 hash, Bytes raw, String method, JsonNode conditions) {
        publishUnlessSeen(hash, "transaction", message -> {
            message.put("hash", hash.toHex());
            message.put("source", method);
            message.put("raw", raw.toHex());
            if (conditions != null && !conditions.isMissingNode() && !conditions.isNull()) {
                message.set("conditions", conditions);
            }
        });
    }

    @Override
    public void bundleReceived(Bundle bundle, Address sender) {
        publish("bundle", message -> {
            message.put("bundleHash", bundle.hash().toHex());
            message.put("sender", sender.toHex());
            bundle.txs().forEach(tx -> message.withArray("txs").add(tx.toHex()));
            message.put("blockNumber", Hex.quantity(BigInteger.valueOf(bundle.blockNumber())));
            bundle.minTimestamp().ifPresent(time -> message.put("minTimestamp", time));
            bundle.maxTimestamp().ifPresent(time -> message.put("maxTimestamp", time));
            ArrayNode reverting = message.putArray("revertingTxHashes");
            bundle.revertingTxHashes().forEach(hash -> reverting.add(hash.toHex()));
            if (bundle.replacementUuid() != null) {
                message.put("replacementUuid", bundle.replacementUuid());
            }
        });
    }

    @Override
    public void blockDeclared(JsonNode payload) {
        publish("block", message -> message.set("payload", payload));
    }

    @Override
    public void forkchoiceChosen(JsonNode state) {
        publish("forkchoice", message -> message.set("state", state));
    }

    @Override
    public void buildJobPublished(BuildJob job) {
        publish("buildJob", message -> message.set("job", WireJson.MAPPER.valueToTree(job)));
    }

    @Override
    public void outcomeRecorded(Outcome outcome) {
        publish("outcome", message -> message.set("outcome", WireJson.MAPPER.valueToTree(outcome)));
    }

    /**
     * Subscribes now: first what was published after {@code resumeAfter} (when given), then everything
     * published from this call on, with neither a gap nor a repeat between the two.
     */
    public synchronized Flux<String> subscribe(OptionalLong resumeAfter) {
        List<String> replay = new ArrayList<>();
        if (resumeAfter.isPresent()) {
            long after = resumeAfter.getAsLong();
            long oldestKept =
                    recent.isEmpty() ? sequence + 1 : recent.getFirst().sequence();
            if (after + 1 < oldestKept) {
                replay.add(gap(after, oldestKept));
            }
            recent.stream().filter(m -> m.sequence() > after).forEach(m -> replay.add(m.json()));
        }
        return Flux.concat(Flux.fromIterable(replay), live.subscribe().map(Broadcast.Published::text));
    }

    /** Ends every builder's stream, and every later one's: the service is stopping. */
    public void close() {
        live.close();
    }

    /** Completes when {@link #close()} is called. */
    public Mono<Void> closed() {
        return live.closed();
    }

    /** A builder's session, counted until it ends: {@link #awaitSockets} waits for them. */
    Mono<Void> counted(Mono<Void> session) {
        return live.counted(session);
    }

    /** Sessions of builders (logged in or not) open now. */
    int sockets() {
        return live.sockets();
    }

    /** Waits, at most {@code patience}, until every counted session has ended (after {@link #close()}). */
    public boolean awaitSockets(Duration patience) throws InterruptedException {
        return live.awaitSockets(patience);
    }

    /** The sequence number of the last message published: 0 before the first. */
    public synchronized long latestSequence() {
        return sequence;
    }

    public int subscribers() {
        return live.subscribers();
    }

    /** Subscribers cut off for falling a whole buffer behind, since start. */
    public long dropped() {
        return live.cutOff();
    }

    private void publish(String type, Consumer<ObjectNode> body) {
        Instant at = clock.instant();
        publisher.execute(() -> numbered(type, at, body));
    }

    private void publishUnlessSeen(Hash32 transaction, String type, Consumer<ObjectNode> body) {
        Instant at = clock.instant();
        publisher.execute(() -> numberedUnlessSeen(transaction, type, at, body));
    }

    private synchronized void numberedUnlessSeen(
            Hash32 transaction, String type, Instant at, Consumer<ObjectNode> body) {
        if (recentTransactions.putIfAbsent(transaction, Boolean.TRUE) == null) {
            numbered(type, at, body);
        }
    }

    private synchronized void numbered(String type, Instant at, Consumer<ObjectNode> body) {
        ObjectNode message = WireJson.MAPPER.createObjectNode();
        message.put("type", type);
        message.put("sequence", ++sequence);
        message.put("time", at.toString());
        body.accept(message);
        Sequenced sequenced = new Sequenced(sequence, WireJson.writeString(message));
        recent.addLast(sequenced);
        keptBytes += sequenced.json().length();
        while (recent.size() > window || (keptBytes > windowBytes && recent.size() > 1)) {
            keptBytes -= recent.removeFirst().json().length();
        }
        live.publish(sequenced.json());
    }

    private static String gap(long after, long resumesAt) {
        ObjectNode message = WireJson.MAPPER.createObjectNode();
        message.put("type", "gap");
        message.put("after", after);
        message.put("resumesAt", resumesAt);
        return WireJson.writeString(message);
    }

    private record Sequenced(long sequence, String json) {}
}
