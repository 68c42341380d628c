package dev.gavel.devtools.bench;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.seal.AuctionKeyPair;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.bidding.seal.BidSealer;
import dev.gavel.bidding.seal.BidSubmission;
import dev.gavel.bidding.seal.HeaderSignatures;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.bidding.seal.SubmissionRlp;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.devtools.inprocess.InProcessGavel;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Wei;
import dev.gavel.simulation.BidTally;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.Http11;
import dev.gavel.simulation.SimulatedRollupBoost;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;

/**
 * Drives a Gavel it starts (embedded PostgreSQL, static allowlist) as rollup-boost and B builders would, at
 * full rate: each block time a forkchoice update with attributes, every builder's bids on its own block sent
 * concurrently (as JSON or binary frames), getPayloadV4 at the end of the block time, then the sequencer's own block as the next
 * parent (so the chain, and every bid, can be built a round ahead, off the measured path).
 */
final class LoadBench {
    private static final long CHAIN_ID = 901;
    private static final Address SETTLEMENT = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    private static final long FIRST_BLOCK = 1_000;
    private static final Duration ASK_MARGIN = Duration.ofMillis(20);
    private static final long SPREAD_PERCENT = 80;

    private final BenchOptions options;
    private final PrintStream out;
    private final Latencies acks = new Latencies();
    private final Latencies getPayloads = new Latencies();
    private final Latencies winnerDeliveries = new Latencies();
    private final BidTally tally = new BidTally();
    private final Map<Long, Long> getPayloadStartedAt = new ConcurrentHashMap<>();
    private volatile boolean measuring;
    private long intakeCpuAtStart;
    private long intakeCpuNanos;
    private Duration measured = Duration.ZERO;

    LoadBench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    BenchReport run() throws Exception {
        Path dataDir = Files.createTempDirectory("gavel-bench-");
        List<ECKeyPair> keys = new ArrayList<>();
        for (int i = 0; i < options.builders(); i++) {
            keys.add(ECKeyPair.create(BigInteger.valueOf(0xbe9c4L + i)));
        }
        Eip712Domain domain = Eip712Domain.gavel(CHAIN_ID, SETTLEMENT);
        try (InProcessGavel gavel = InProcessGavel.start(dataDir, settings(keys))) {
            List<BuilderClient> builders = new ArrayList<>();
            for (ECKeyPair key : keys) {
                BuilderClient client =
                        new BuilderClient(gavel.http(), Http11.client(), key, domain, options.encoding());
                client.fetchAuctionKey();
                builders.add(client);
            }
            WinnerWatch winners = WinnerWatch.open(gavel.ws("/v1/winners"), this::winnerArrived);
            EngineClient engine = gavel.engine();
            Instant measuredFrom = drive(gavel.http(), engine, builders);
            winners.close();
            BenchRecords records = new BenchRecords(gavel.database());
            double intakeMicros = acks.count() == 0 ? 0 : intakeCpuNanos / 1_000.0 / acks.count();
            double floorMicros = floor(domain);
            return new BenchReport(
                    options,
                    acks.count(),
                    measured,
                    records.acceptedBodyBytes(measuredFrom),
                    acks,
                    getPayloads,
                    winnerDeliveries,
                    intakeMicros,
                    records.intakeStageMicros(measuredFrom),
                    floorMicros,
                    records.missing(tally.acknowledged()),
                    tally.errorCount(),
                    tally.rejectedByCode(),
                    peakRssBytes(),
                    ManagementFactory.getRuntimeMXBean().getVmVersion());
        }
    }

    /**
     * Builds every round's bids first (all cores, before any is sent), then runs the warm-up rounds and the
     * measured ones; returns when the first measured round began (rates use the measured rounds' wall time).
     */
    private Instant drive(URI http, EngineClient engine, List<BuilderClient> builders) throws Exception {
        BenchChain chain = new BenchChain(FIRST_BLOCK);
        long rounds = (options.warmup().toMillis() + options.duration().toMillis())
                / options.blockTime().toMillis();
        List<BenchChain.Plan> plans = new ArrayList<>();
        for (long i = 0; i < rounds; i++) {
            plans.add(chain.next());
        }
        out.printf("building %d rounds of bids...%n", rounds);
        List<List<byte[]>> bodies =
                plans.parallelStream().map(plan -> seal(plan, builders)).toList();
        HttpClient client = Http11.client();
        SimulatedRollupBoost.makeHead(engine, chain.genesis());
        long warmupRounds = options.warmup().toMillis() / options.blockTime().toMillis();
        Instant measuredFrom = Instant.now();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            if (i == warmupRounds) {
                measuring = true;
                measuredFrom = Instant.now();
                intakeCpuAtStart = IntakeCpu.nanos();
            }
            inFlight.removeIf(CompletableFuture::isDone);
            inFlight.add(round(http, client, engine, plans.get(i), bodies.get(i)));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        intakeCpuNanos = IntakeCpu.nanos() - intakeCpuAtStart;
        measured = Duration.between(measuredFrom, Instant.now());
        return measuredFrom;
    }

    /** One round: open it, send every bid, ask for the payload at the end of the block time, move the head on. */
    private CompletableFuture<Void> round(
            URI http, HttpClient client, EngineClient engine, BenchChain.Plan plan, List<byte[]> bodies)
            throws Exception {
        Instant opened = Instant.now();
        JsonNode fcu = engine.call(
                "engine_forkchoiceUpdatedV3", SimulatedRollupBoost.forkchoice(plan.parent()), plan.attributes());
        PayloadId payloadId =
                PayloadId.fromHex(fcu.get("result").get("payloadId").asString());
        boolean measured = measuring;
        List<CompletableFuture<?>> answers = new ArrayList<>();
        long spreadNanos = options.blockTime().toNanos() * SPREAD_PERCENT / 100;
        long openedNanos = System.nanoTime();
        for (int i = 0; i < bodies.size(); i++) {
            // builders improve their bids through the slot: the bids go out evenly over its first part, not in one
            // burst
            long due = openedNanos + spreadNanos * i / bodies.size();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            HttpRequest request = HttpRequest.newBuilder(http.resolve("/v1/bids"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", options.encoding().mediaType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
                    .build();
            long sent = System.nanoTime();
            tally.submitted();
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .handle((response, failure) -> {
                        acknowledge(response, failure, System.nanoTime() - sent, measured);
                        return null;
                    }));
        }
        Thread.sleep(Math.max(
                0,
                Duration.between(Instant.now(), opened.plus(options.blockTime()).minus(ASK_MARGIN))
                        .toMillis()));
        long asked = System.nanoTime();
        getPayloadStartedAt.put(plan.number().value(), asked);
        HttpResponse<String> payload = engine.send("engine_getPayloadV4", payloadId.toHex());
        if (measured) {
            getPayloads.record(
                    System.nanoTime() - asked); // to the last byte of the answer; parsing it is rollup-boost's cost
        }
        if (payload.statusCode() != 200) {
            throw new IllegalStateException("getPayload answered HTTP " + payload.statusCode());
        }
        SimulatedRollupBoost.makeHead(engine, plan.own());
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
    }

    /** Counts every answer; latencies are kept for acknowledged bids of measured rounds only. */
    private void acknowledge(HttpResponse<byte[]> response, Throwable failure, long nanos, boolean measured) {
        SubmitResult result = failure == null ? BuilderClient.toResult(response) : null;
        tally.answered(result, failure);
        if (measured && result instanceof SubmitResult.Accepted) {
            acks.record(nanos);
        }
    }

    private void winnerArrived(long blockNumber) {
        Long asked = getPayloadStartedAt.remove(blockNumber);
        if (asked != null && measuring) {
            winnerDeliveries.record(System.nanoTime() - asked);
        }
    }

    /** Every builder's bids for {@code plan}: one block each, {@code bidsPerRound} values on it, signed, sealed, as request bodies. */
    private List<byte[]> seal(BenchChain.Plan plan, List<BuilderClient> builders) {
        Random random = new Random(plan.number().value());
        int transactions = Math.max(1, options.payloadBytes() / SimulatedBlocks.TYPICAL_TRANSACTION_BYTES);
        List<byte[]> sealed = new ArrayList<>();
        for (BuilderClient builder : builders) {
            ExecutionPayloadEnvelope block = SimulatedBlocks.envelope(
                    plan.number(),
                    plan.parent(),
                    plan.attributes(),
                    Wei.of(1_000_000),
                    transactions,
                    random.nextLong());
            for (int i = 0; i < options.bidsPerRound(); i++) {
                Bid bid = new Bid(
                        plan.number(),
                        plan.parent(),
                        block.executionPayload().blockHash(),
                        Wei.of(1_000 + (long) random.nextInt(1_000_000) * options.bidsPerRound() + i),
                        builder.builder());
                sealed.add(builder.body(builder.seal(bid, block, plan.round())));
            }
        }
        return sealed;
    }

    /** The floor, on a bid of the benchmark's size sealed to a fresh auction key. */
    private double floor(Eip712Domain domain) throws Exception {
        AuctionKeyPair key = AuctionKeyPair.generate(1);
        ECKeyPair builder = ECKeyPair.create(BigInteger.valueOf(0xf100L));
        BenchChain.Plan plan = new BenchChain(FIRST_BLOCK).next();
        ExecutionPayloadEnvelope block = SimulatedBlocks.envelope(
                plan.number(),
                plan.parent(),
                plan.attributes(),
                Wei.of(1),
                Math.max(1, options.payloadBytes() / SimulatedBlocks.TYPICAL_TRANSACTION_BYTES),
                7);
        BidSignatures signatures = new BidSignatures(domain);
        Bid bid = new Bid(
                plan.number(),
                plan.parent(),
                block.executionPayload().blockHash(),
                Wei.of(1),
                Secp256k1.address(builder));
        HeaderSignatures headers = new HeaderSignatures(domain);
        BidSubmission submission = new BidSubmission(signatures.sign(bid, builder), block);
        byte[] plaintext = options.encoding() == BidEncoding.BINARY
                ? SubmissionRlp.encode(submission)
                : WireJson.write(submission);
        SealedBid sealed = new BidSealer(key.publicKey(), headers).seal(plaintext, bid, plan.round(), builder);
        return IntakeFloor.microsPerBid(sealed, submission, key, signatures, headers, 200);
    }

    /**
     * The service's settings: its builders, and per-builder and per-address limits opened up to the load
     * offered. The generator is one address standing for every builder, and each builder sends a round's bids
     * in one block time, so the production limits (64 connections an address, 50 bids a second a builder) would
     * measure themselves, not intake; load shedding (max-pending) stays as deployed. The chain is fixed in
     * advance (the sequencer's own blocks), so no winner's block ever becomes canonical: strikes would suspend
     * every builder after its third win, so they are opened too.
     */
    private List<String> settings(List<ECKeyPair> keys) {
        double bidsPerSecond =
                options.bidsPerRound() * 1000.0 / options.blockTime().toMillis();
        return List.of(
                "--gavel.bids.rate-per-builder=" + 2 * bidsPerSecond,
                "--gavel.bids.burst-per-builder=" + 2 * options.bidsPerRound(),
                "--gavel.bids.max-connections-per-address=" + Math.max(64, 2 * keys.size() * options.bidsPerRound()),
                "--gavel.strikes.limit=" + Integer.MAX_VALUE,
                "--gavel.strikes.window-blocks=" + Integer.MAX_VALUE,
                "--gavel.auction.chain-id=" + CHAIN_ID,
                "--gavel.auction.settlement-contract=" + SETTLEMENT.toHex(),
                "--gavel.auction.builders="
                        + String.join(
                                ",",
                                keys.stream()
                                        .map(k -> Secp256k1.address(k).toHex())
                                        .toList()),
                "--gavel.auction.policy.max-bids-per-builder=" + options.bidsPerRound(),
                "--gavel.bids.max-body-size=" + (options.payloadBytes() * 5 + 65_536) + "B",
                "--gavel.bids.max-binary-body-size=" + (options.payloadBytes() * 2 + 65_536) + "B");
    }

    /** The JVM's peak resident set (VmHWM), or -1 where /proc is not there. */
    private static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
