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
import dev.gavel.db.embedded.EmbeddedDatabase;
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
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;

/**
 * Drives a Gavel as rollup-boost and B builders would, at full rate: each block time a forkchoice update with
 * attributes, every builder's bids on its own block sent concurrently (as JSON or binary frames), getPayloadV4 at
 * the end of the block time, then the sequencer's own block as the next parent (so the chain, and every bid, can
 * be built ahead, off the measured path). The Gavel is started here in a JVM of its own (on an embedded
 * PostgreSQL this JVM starts, so acknowledged bids can be looked up), or is a target the bench did not start.
 */
final class LoadBench {
    private static final long FIRST_BLOCK = 1_000;
    private static final Duration ASK_MARGIN = Duration.ofMillis(20);
    private static final long SPREAD_PERCENT = 80;
    private static final Duration START_PATIENCE = Duration.ofMinutes(2);

    private final BenchOptions options;
    private final PrintStream out;
    private final BidTally tally = new BidTally();
    private final Map<Long, Asked> getPayloadAsked = new ConcurrentHashMap<>();
    private final List<HeapAfterGc> heapAfterGc = new ArrayList<>();
    private final HttpClient client = Http11.client();
    private Instant nextGc = Instant.MAX;
    private Instant measuredFrom = Instant.now();

    LoadBench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    BenchReport run() throws Exception {
        if (options.target().isPresent()) {
            BenchOptions.TargetOptions target = options.target().get();
            return against(
                    new BenchTarget(
                            target.http(),
                            target.engine(),
                            target.jwtSecret(),
                            target.management().map(ServiceMetrics::new),
                            Optional.empty(),
                            Optional.empty()),
                    "target");
        }
        Path dir = Files.createTempDirectory("gavel-bench-");
        Path settings = dir.resolve("bench-service.properties");
        ServiceSettings.write(options, settings);
        BenchReport report;
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("postgres"));
                ServiceJvm service = ServiceJvm.start(
                        options.serviceHeap(),
                        List.of(
                                "--spring.config.additional-location=file:" + settings,
                                "--gavel.data-dir=" + dir,
                                "--gavel.database.url=" + database.jdbcUrl(),
                                "--gavel.database.username=" + database.user(),
                                "--logging.level.root=WARN",
                                "--logging.level.io.zonky=ERROR"),
                        dir.resolve("service.log"))) {
            out.printf(
                    "the service: its own JVM (pid %d, -Xmx%s), log %s%n",
                    service.pid(), options.serviceHeap(), dir.resolve("service.log"));
            service.awaitReady(START_PATIENCE);
            report = against(
                    new BenchTarget(
                            service.http(),
                            service.engine(),
                            dir.resolve("jwt.hex"),
                            Optional.of(new ServiceMetrics(service.management())),
                            Optional.of(database.dataSource()),
                            Optional.of(service)),
                    "separate-process");
        }
        // a run's bids fill gigabytes at 256 KB: the database goes once the run is done, the service's log stays
        FileSystemUtils.deleteRecursively(dir.resolve("postgres"));
        return report;
    }

    private BenchReport against(BenchTarget target, String mode) throws Exception {
        Eip712Domain domain = ServiceSettings.domain();
        List<BuilderClient> builders = new ArrayList<>();
        for (ECKeyPair key : ServiceSettings.builderKeys(options.builders())) {
            BuilderClient builder = new BuilderClient(target.http(), client, key, domain, options.encoding());
            builder.fetchAuctionKey();
            builders.add(builder);
        }
        WinnerWatch winners = WinnerWatch.open(target.ws("/v1/winners"), this::winnerArrived);
        List<LoadWindow> windows;
        long servicePeakHeap;
        long generatorPeakHeap;
        try (MemoryWatch memory = MemoryWatch.start(target.metrics())) {
            EngineClient engine = target.engineClient();
            BenchChain chain = new BenchChain(FIRST_BLOCK);
            SimulatedRollupBoost.makeHead(engine, chain.genesis());
            Stretch stretch = new Stretch(target, engine, chain, builders);
            stretch.run(options.warmup().toMillis() / options.blockTime().toMillis(), options.bidsPerRoundOfAll());
            measuredFrom = Instant.now();
            options.heapAfterGcEvery().ifPresent(every -> nextGc = Instant.now());
            windows = options.ramp().isPresent()
                    ? ramp(stretch, options.ramp().get())
                    : List.of(stretch.run(
                            options.duration().toMillis() / options.blockTime().toMillis(),
                            options.bidsPerRoundOfAll()));
            servicePeakHeap = memory.servicePeakBytes();
            generatorPeakHeap = memory.generatorPeakBytes();
        } finally {
            winners.close();
        }
        Optional<BenchRecords> records = target.database().map(BenchRecords::new);
        return new BenchReport(
                options,
                mode,
                windows,
                records.isPresent() ? records.get().intakeStageMicros(measuredFrom) : Map.of(),
                floor(domain),
                records.isPresent() ? records.get().missing(tally.acknowledged()) : -1,
                tally.errorCount(),
                tally.rejectedByCode(),
                servicePeakHeap,
                generatorPeakHeap,
                target.process().map(p -> peakRssBytes(p.pid())).orElse(-1L),
                List.copyOf(heapAfterGc),
                ManagementFactory.getRuntimeMXBean().getVmVersion());
    }

    /** Steps of rising offered rate until one does not hold (or the maximum rate is passed): every step's window. */
    private List<LoadWindow> ramp(Stretch stretch, BenchOptions.Ramp ramp) throws Exception {
        List<LoadWindow> steps = new ArrayList<>();
        for (int bids = options.bidsPerRoundOfAll(); bids > 0; bids = ramp.next(bids)) {
            LoadWindow step = stretch.run(ramp.roundsPerStep(), bids);
            steps.add(step);
            out.printf(
                    "ramp: %.0f bids/s offered, %.0f acknowledged/s, ack p99 %.1f ms: %s%n",
                    step.plannedRate(options.blockTime()),
                    step.acknowledgedPerSecond(),
                    step.acks.percentileMillis(0.99),
                    step.held() ? "held" : "did not hold");
            if (!step.held()) {
                break;
            }
        }
        return steps;
    }

    /** Rounds on one chain against one target; each {@link #run} is a window of its own. */
    private final class Stretch {
        private final BenchTarget target;
        private final EngineClient engine;
        private final BenchChain chain;
        private final List<BuilderClient> builders;

        Stretch(BenchTarget target, EngineClient engine, BenchChain chain, List<BuilderClient> builders) {
            this.target = target;
            this.engine = engine;
            this.chain = chain;
            this.builders = builders;
        }

        /**
         * Builds {@code rounds} rounds of {@code bidsPerRound} bids first (all cores, before any is sent), then
         * runs them and waits for every answer; the window's wall time runs from the first round to the last answer.
         */
        LoadWindow run(long rounds, int bidsPerRound) throws Exception {
            List<BenchChain.Plan> plans = new ArrayList<>();
            for (long i = 0; i < rounds; i++) {
                plans.add(chain.next());
            }
            out.printf("building %d rounds of %d bids...%n", rounds, bidsPerRound);
            List<List<byte[]>> bodies = plans.parallelStream()
                    .map(plan -> seal(plan, builders, bidsPerRound))
                    .toList();
            LoadWindow window = new LoadWindow(bidsPerRound);
            long cpuBefore = serviceCpuNanos(target);
            Instant from = Instant.now();
            Duration collecting = Duration.ZERO;
            List<CompletableFuture<Void>> inFlight = new ArrayList<>();
            for (int i = 0; i < plans.size(); i++) {
                inFlight.removeIf(CompletableFuture::isDone);
                inFlight.add(round(target, engine, plans.get(i), bodies.get(i), window));
                collecting = collecting.plus(collectGarbageIfDue(target));
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long cpuAfter = serviceCpuNanos(target);
            // forced collections happen between rounds, not while bids are offered: rates leave their time out
            window.finish(
                    Duration.between(from, Instant.now()).minus(collecting), cpuBefore < 0 ? -1 : cpuAfter - cpuBefore);
            return window;
        }
    }

    /** One round: open it, send every bid, ask for the payload at the end of the block time, move the head on. */
    private CompletableFuture<Void> round(
            BenchTarget target, EngineClient engine, BenchChain.Plan plan, List<byte[]> bodies, LoadWindow window)
            throws Exception {
        Instant opened = Instant.now();
        JsonNode fcu = engine.call(
                "engine_forkchoiceUpdatedV3", SimulatedRollupBoost.forkchoice(plan.parent()), plan.attributes());
        PayloadId payloadId =
                PayloadId.fromHex(fcu.get("result").get("payloadId").asString());
        URI bids = target.http().resolve("/v1/bids");
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
            byte[] body = bodies.get(i);
            HttpRequest request = HttpRequest.newBuilder(bids)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", options.encoding().mediaType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            long sent = System.nanoTime();
            tally.submitted();
            window.offer();
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .handle((response, failure) -> {
                        window.answered(answer(response, failure), body.length, System.nanoTime() - sent);
                        return null;
                    }));
        }
        Thread.sleep(Math.max(
                0,
                Duration.between(Instant.now(), opened.plus(options.blockTime()).minus(ASK_MARGIN))
                        .toMillis()));
        long asked = System.nanoTime();
        getPayloadAsked.put(plan.number().value(), new Asked(asked, window));
        HttpResponse<String> payload = engine.send("engine_getPayloadV4", payloadId.toHex());
        // to the last byte of the answer; parsing it is rollup-boost's cost
        window.getPayloads.record(System.nanoTime() - asked);
        if (payload.statusCode() != 200) {
            throw new IllegalStateException("getPayload answered HTTP " + payload.statusCode());
        }
        SimulatedRollupBoost.makeHead(engine, plan.own());
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
    }

    /** What an answer means, counted in the run's tally: null when none came, or not one the API gives. */
    private SubmitResult answer(HttpResponse<byte[]> response, Throwable failure) {
        SubmitResult result = null;
        Throwable problem = failure;
        if (problem == null) {
            try {
                result = BuilderClient.toResult(response);
            } catch (RuntimeException e) {
                problem = e;
            }
        }
        tally.answered(result, problem);
        return result;
    }

    private void winnerArrived(long blockNumber) {
        Asked asked = getPayloadAsked.remove(blockNumber);
        if (asked != null) {
            asked.window().winnerDeliveries.record(System.nanoTime() - asked.nanos());
        }
    }

    /** When getPayload of a round was asked for, and the window the round belongs to. */
    private record Asked(long nanos, LoadWindow window) {}

    /**
     * Between rounds, when due: a full GC in the service and its heap right after, so that what it still holds
     * (closed rounds' payloads, if it kept them) shows apart from garbage not yet collected. Returns the time it
     * took. The service's CPU over the window includes the collections: with them, CPU per bid is no figure.
     */
    private Duration collectGarbageIfDue(BenchTarget target) throws Exception {
        if (Instant.now().isBefore(nextGc)
                || target.process().isEmpty()
                || target.metrics().isEmpty()) {
            return Duration.ZERO;
        }
        Instant started = Instant.now();
        target.process().get().collectGarbage();
        long heap = target.metrics().get().read().heapUsedBytes();
        heapAfterGc.add(new HeapAfterGc(Duration.between(measuredFrom, Instant.now()), heap));
        nextGc = Instant.now().plus(options.heapAfterGcEvery().orElseThrow());
        return Duration.between(started, Instant.now());
    }

    /** The service's heap after a forced GC, and when (since the measured rounds began). */
    record HeapAfterGc(Duration sinceStart, long bytes) {}

    private static long serviceCpuNanos(BenchTarget target) throws Exception {
        return target.metrics().isEmpty() ? -1 : target.metrics().get().read().cpuNanos();
    }

    /**
     * Every builder's bids for {@code plan}, {@code bidsPerRound} of them in all (shared out as evenly as they go),
     * each builder's on one block of its own, signed, sealed, as request bodies.
     */
    private List<byte[]> seal(BenchChain.Plan plan, List<BuilderClient> builders, int bidsPerRound) {
        Random random = new Random(plan.number().value());
        int transactions = Math.max(1, options.payloadBytes() / SimulatedBlocks.TYPICAL_TRANSACTION_BYTES);
        List<byte[]> sealed = new ArrayList<>();
        for (int b = 0; b < builders.size(); b++) {
            BuilderClient builder = builders.get(b);
            int bids = bidsPerRound / builders.size() + (b < bidsPerRound % builders.size() ? 1 : 0);
            if (bids == 0) {
                continue;
            }
            ExecutionPayloadEnvelope block = SimulatedBlocks.envelope(
                    plan.number(),
                    plan.parent(),
                    plan.attributes(),
                    Wei.of(1_000_000),
                    transactions,
                    random.nextLong());
            for (int i = 0; i < bids; i++) {
                Bid bid = new Bid(
                        plan.number(),
                        plan.parent(),
                        block.executionPayload().blockHash(),
                        Wei.of(1_000 + (long) random.nextInt(1_000_000) * bids + i),
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

    /** A process's peak resident set (VmHWM), or -1 where /proc is not there. */
    private static long peakRssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
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
