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
    /** Gavel's answer to getPayload when no valid bid won. */
    private static final int NO_WINNING_BID = -32000;

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

    /**
     * One block time: a round, its winner (or the sequencer's own block) made the head. As rollup-boost, it never
     * stops for Gavel: a forkchoice update that fails or names no payload, or a getPayload that fails, means the
     * sequencer's own block at the block's time; newPayload and forkchoice updates without attributes are sent
     * all the same, their failures ignored.
     */
    public BlockResult nextBlock() throws InterruptedException {
        Instant opened = clock.instant();
        long timestamp = opened.plus(blockTime).getEpochSecond()
                + (opened.plus(blockTime).getNano() > 0 ? 1 : 0);
        PayloadAttributes attributes = SimulatedBlocks.attributes(timestamp, seed++);
        BlockNumber number = headNumber.next();
        Hash32 parent = head;
        Instant cutOff = Instant.ofEpochSecond(timestamp).minus(bidCutoff);
        Instant askAt = cutOff.minusMillis(20);
        Optional<PayloadId> payloadId = openRound(parent, attributes);
        if (payloadId.isEmpty()) {
            current = null;
            sleepUntil(askAt);
            return ownBlock(number, parent, attributes, Duration.ZERO, true);
        }
        RoundReference round = new RoundReference.ByPayloadId(payloadId.get());
        current = new OpenRound(number, parent, attributes, round);
        CompletableFuture<Void> bids = CompletableFuture.allOf(builders.stream()
                .map(b -> b.bid(number, parent, attributes, round, cutOff))
                .toArray(CompletableFuture[]::new));
        awaitUntil(bids, askAt);
        long started = System.nanoTime();
        Optional<JsonNode> response =
                call("engine_getPayloadV4", payloadId.get().toHex());
        Duration getPayload = Duration.ofNanos(System.nanoTime() - started);
        CompletableFuture.allOf(builders.stream()
                .map(b -> b.bidLate(number, parent, attributes, round))
                .toArray(CompletableFuture[]::new));
        Optional<JsonNode> payload =
                response.map(answer -> answer.path("result")).filter(JsonNode::isObject);
        if (payload.isPresent() && executes(payload.get())) {
            call(
                    "engine_newPayloadV4",
                    payload.get().get("executionPayload"),
                    List.of(),
                    payload.get().get("parentBeaconBlockRoot"),
                    payload.get().get("executionRequests"));
            Hash32 winner = Hash32.fromHex(
                    payload.get().get("executionPayload").get("blockHash").asString());
            call("engine_forkchoiceUpdatedV3", forkchoice(winner), null);
            head = winner;
            headNumber = number;
            List<Bytes> transactions = new ArrayList<>();
            payload.get()
                    .get("executionPayload")
                    .get("transactions")
                    .forEach(transaction -> transactions.add(Bytes.fromHex(transaction.asString())));
            return new BlockResult(
                    number,
                    winner,
                    Wei.fromHex(payload.get().get("blockValue").asString()),
                    getPayload,
                    false,
                    false,
                    transactions);
        }
        boolean noWinner = response.map(
                        answer -> answer.path("error").path("code").asInt() == NO_WINNING_BID)
                .orElse(false);
        return ownBlock(number, parent, attributes, getPayload, payload.isEmpty() && !noWinner);
    }

    /** The forkchoice update with attributes: the round's payload id, or empty when Gavel named none. */
    private Optional<PayloadId> openRound(Hash32 parent, PayloadAttributes attributes) throws InterruptedException {
        return call("engine_forkchoiceUpdatedV3", forkchoice(parent), attributes)
                .map(answer -> answer.path("result").path("payloadId"))
                .filter(JsonNode::isString)
                .map(id -> PayloadId.fromHex(id.asString()));
    }

    /** The sequencer's own block made the head, whether or not Gavel hears of it. */
    private BlockResult ownBlock(
            BlockNumber number,
            Hash32 parent,
            PayloadAttributes attributes,
            Duration getPayload,
            boolean gavelUnavailable)
            throws InterruptedException {
        ExecutionPayloadEnvelope own = SimulatedBlocks.envelope(number, parent, attributes, Wei.ZERO, 2, seed++);
        call("engine_newPayloadV4", own.executionPayload(), List.of(), own.parentBeaconBlockRoot(), List.of());
        call("engine_forkchoiceUpdatedV3", forkchoice(own.executionPayload().blockHash()), null);
        head = own.executionPayload().blockHash();
        headNumber = number;
        return new BlockResult(
                number,
                head,
                Wei.ZERO,
                getPayload,
                true,
                gavelUnavailable,
                own.executionPayload().transactions());
    }

    /** One Engine API call as rollup-boost makes it to a builder: the answer, or empty when none came. */
    private Optional<JsonNode> call(String method, Object... params) throws InterruptedException {
        try {
            return Optional.of(engine.call(method, params));
        } catch (IOException unanswered) {
            return Optional.empty();
        }
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

    private void awaitUntil(CompletableFuture<Void> bids, Instant deadline) throws InterruptedException {
        long millis = Duration.between(clock.instant(), deadline).toMillis();
        try {
            bids.get(Math.max(0, millis), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException late) {
            return; // bids still in flight are late by now; the auction decides what counts
        }
        sleepUntil(deadline);
    }

    private void sleepUntil(Instant deadline) throws InterruptedException {
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
     * whether the sequencer fell back to its own block, whether that was because Gavel was unavailable (unreachable,
     * or no payload id for the round) rather than because no valid bid won, and the block's transactions.
     */
    public record BlockResult(
            BlockNumber number,
            Hash32 blockHash,
            Wei blockValue,
            Duration getPayloadLatency,
            boolean fallback,
            boolean gavelUnavailable,
            List<Bytes> transactions) {}
}
