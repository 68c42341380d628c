package dev.gavel.simulation;

import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.seal.RoundReference;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Wei;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * The sequencer's side as rollup-boost drives Gavel, one block per call: a forkchoice update with OP
 * attributes (an L1-info deposit first), the builders' bids, getPayloadV4 just before the block's bid
 * cut-off, then newPayload and a forkchoice update to the winner's block, or to the sequencer's own block
 * when no bid wins or its execution client refuses the winner's. The simulated L2 is the chain of these blocks.
 */
public final class SimulatedRollupBoost {
    private final EngineClient engine;
    private final List<SimulatedBuilder> builders;
    private final Duration blockTime;
    private final Duration bidCutoff;
    private final Clock clock;
    private Hash32 head;
    private BlockNumber headNumber;
    private long seed;
    private volatile OpenRound current;

    public SimulatedRollupBoost(
            EngineClient engine, List<SimulatedBuilder> builders, Duration blockTime, Duration bidCutoff, Clock clock) {
        this.engine = engine;
        this.builders = List.copyOf(builders);
        this.blockTime = blockTime;
        this.bidCutoff = bidCutoff;
        this.clock = clock;
    }

    /** The round the last forkchoice update opened, if any: what anyone watching the chain could bid on. */
    public Optional<OpenRound> currentRound() {
        return Optional.ofNullable(current);
    }

    /** Declares the chain's first block, {@code number}, built by the sequencer. */
    public void genesis(long number) throws IOException, InterruptedException {
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(clock.instant().getEpochSecond(), seed++);
        adopt(SimulatedBlocks.envelope(
                BlockNumber.of(number), SimulatedBlocks.hash(new Random(number)), attributes, Wei.ZERO, 1, seed++));
    }

    /** One block time: a round, its winner (or the fallback) made the head. */
    public BlockResult nextBlock() throws IOException, InterruptedException {
        Instant opened = clock.instant();
        long timestamp = opened.plus(blockTime).getEpochSecond()
                + (opened.plus(blockTime).getNano() > 0 ? 1 : 0);
        PayloadAttributes attributes = SimulatedBlocks.attributes(timestamp, seed++);
        BlockNumber number = headNumber.next();
        Hash32 parent = head;
        JsonNode fcu = result(engine.call("engine_forkchoiceUpdatedV3", forkchoice(parent), attributes));
        PayloadId payloadId = PayloadId.fromHex(fcu.get("payloadId").asString());
        RoundReference round = new RoundReference.ByPayloadId(payloadId);
        Instant cutOff = Instant.ofEpochSecond(timestamp).minus(bidCutoff);
        current = new OpenRound(number, parent, attributes, round);
        CompletableFuture<Void> bids = CompletableFuture.allOf(builders.stream()
                .map(b -> b.bid(number, parent, attributes, round, cutOff))
                .toArray(CompletableFuture[]::new));
        Instant askAt = cutOff.minusMillis(20);
        awaitUntil(bids, askAt);
        long started = System.nanoTime();
        JsonNode response = engine.call("engine_getPayloadV4", payloadId.toHex());
        Duration getPayload = Duration.ofNanos(System.nanoTime() - started);
        CompletableFuture.allOf(builders.stream()
                .map(b -> b.bidLate(number, parent, attributes, round))
                .toArray(CompletableFuture[]::new));
        if (response.has("result") && executes(response.get("result"))) {
            JsonNode payload = response.get("result");
            engine.call(
                    "engine_newPayloadV4",
                    payload.get("executionPayload"),
                    List.of(),
                    payload.get("parentBeaconBlockRoot"),
                    payload.get("executionRequests"));
            Hash32 winner = Hash32.fromHex(
                    payload.get("executionPayload").get("blockHash").asString());
            choose(winner, number);
            List<Bytes> transactions = new ArrayList<>();
            payload.get("executionPayload")
                    .get("transactions")
                    .forEach(transaction -> transactions.add(Bytes.fromHex(transaction.asString())));
            return new BlockResult(
                    number, winner, Wei.fromHex(payload.get("blockValue").asString()), getPayload, false, transactions);
        }
        ExecutionPayloadEnvelope own = SimulatedBlocks.envelope(number, parent, attributes, Wei.ZERO, 2, seed++);
        adopt(own);
        return new BlockResult(
                number,
                own.executionPayload().blockHash(),
                Wei.ZERO,
                getPayload,
                true,
                own.executionPayload().transactions());
    }

    /**
     * What the sequencer's execution client says of the builder's block: this simulation executes nothing, so it
     * refuses only the state root its hostile builders mark their wrong blocks with. Refused, the sequencer falls
     * back to its own block, as rollup-boost does.
     */
    private static boolean executes(JsonNode payload) {
        return !Hostility.WRONG_ROOT.equals(
                Hash32.fromHex(payload.get("executionPayload").get("stateRoot").asString()));
    }

    /** The sequencer's own block made the head. */
    private void adopt(ExecutionPayloadEnvelope envelope) throws IOException, InterruptedException {
        makeHead(engine, envelope);
        head = envelope.executionPayload().blockHash();
        headNumber = envelope.executionPayload().blockNumber();
    }

    /** What rollup-boost sends for a block the sequencer built itself: newPayload, then a forkchoice update to it. */
    public static void makeHead(EngineClient engine, ExecutionPayloadEnvelope block)
            throws IOException, InterruptedException {
        result(engine.call(
                "engine_newPayloadV4", block.executionPayload(), List.of(), block.parentBeaconBlockRoot(), List.of()));
        result(engine.call(
                "engine_forkchoiceUpdatedV3",
                forkchoice(block.executionPayload().blockHash()),
                null));
    }

    private void choose(Hash32 block, BlockNumber number) throws IOException, InterruptedException {
        result(engine.call("engine_forkchoiceUpdatedV3", forkchoice(block), null));
        head = block;
        headNumber = number;
    }

    private void awaitUntil(CompletableFuture<Void> bids, Instant deadline) throws InterruptedException {
        long millis = Duration.between(clock.instant(), deadline).toMillis();
        try {
            bids.get(Math.max(0, millis), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException late) {
            return; // bids still in flight are late by now; the auction decides what counts
        }
        Thread.sleep(Math.max(0, Duration.between(clock.instant(), deadline).toMillis()));
    }

    private static JsonNode result(JsonNode response) throws IOException {
        if (!response.has("result")) {
            throw new IOException("Engine API error: " + response.get("error"));
        }
        return response.get("result");
    }

    /** A forkchoice state with {@code head} as head, safe and finalized block. */
    public static Map<String, Hash32> forkchoice(Hash32 head) {
        return Map.of("headBlockHash", head, "safeBlockHash", head, "finalizedBlockHash", head);
    }

    /** A round as its build job names it. */
    public record OpenRound(BlockNumber number, Hash32 parent, PayloadAttributes attributes, RoundReference round) {}

    /**
     * One block made the head: its number and hash, the value the winning bid declared, getPayload's latency,
     * whether the sequencer fell back (to its own block), and the block's transactions.
     */
    public record BlockResult(
            BlockNumber number,
            Hash32 blockHash,
            Wei blockValue,
            Duration getPayloadLatency,
            boolean fallback,
            List<Bytes> transactions) {}
}
