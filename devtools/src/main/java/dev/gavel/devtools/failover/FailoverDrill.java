package dev.gavel.devtools.failover;

import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.primitives.Hash32;
import dev.gavel.simulation.SimulatedRollupBoost;
import dev.gavel.simulation.SimulatedRollupBoost.BlockResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import tools.jackson.databind.JsonNode;

/**
 * The devnet's failover attack on a {@link FailoverPair}: after the plan's block it kills or freezes whichever
 * instance the proxy routes to, then watches the blocks that follow: when the standby became ready, how many rounds
 * were lost to the sequencer's own blocks before one was won again, which block Gavel answered first, and whether
 * every block a builder won is to be charged. A frozen instance is woken once the new auctioneer has answered
 * a round, and must then find itself deposed and refuse rollup-boost, even asked directly.
 */
public final class FailoverDrill {
    /** How long a woken instance may take to notice it was deposed (a heartbeat or two). */
    private static final Duration WAKING_PATIENCE = Duration.ofSeconds(10);

    private static final int NOT_THE_AUCTIONEER = -32001;

    private final FailoverPair pair;
    private final FailoverPlan plan;
    private long blocks;
    private ServiceProcess struck;
    private long struckAt;
    private OptionalLong takeoverAt = OptionalLong.empty();
    private long missed;
    private OptionalLong firstAnswered = OptionalLong.empty();
    private OptionalLong firstWon = OptionalLong.empty();
    private final List<Long> wonBlocks = new ArrayList<>();
    private boolean woken;

    public FailoverDrill(FailoverPair pair, FailoverPlan plan) {
        this.pair = pair;
        this.plan = plan;
    }

    /**
     * Takes note of a block just made; strikes if it was the plan's. Returns what it did to an instance, if it did
     * something: for the block's line.
     */
    public Optional<String> afterBlock(BlockResult block) throws IOException, InterruptedException {
        blocks++;
        if (!block.fallback()) {
            wonBlocks.add(block.number().value());
        }
        if (struck == null) {
            return blocks == plan.afterBlock() ? Optional.of(strike()) : Optional.empty();
        }
        noteTakeover();
        if (firstWon.isEmpty()) {
            if (block.fallback()) {
                missed++;
            } else {
                firstWon = OptionalLong.of(block.number().value());
            }
        }
        if (!block.gavelUnavailable() && firstAnswered.isEmpty()) {
            firstAnswered = OptionalLong.of(block.number().value());
        }
        if (plan.fault() == FailoverPlan.Fault.FREEZE && firstAnswered.isPresent() && !woken) {
            struck.thaw();
            woken = true;
            return Optional.of("instance " + struck.name() + " woken (SIGCONT)");
        }
        return Optional.empty();
    }

    private String strike() throws IOException, InterruptedException {
        struck = pair.active();
        struckAt = System.nanoTime();
        switch (plan.fault()) {
            case KILL -> struck.kill();
            case FREEZE -> struck.freeze();
        }
        return "instance " + struck.name() + " struck (" + plan.fault().signal() + ")";
    }

    /** The first time the proxy saw the other instance ready after the strike. */
    private void noteTakeover() {
        if (takeoverAt.isEmpty()) {
            OptionalLong ready = pair.readySince(pair.other(struck));
            if (ready.isPresent() && ready.getAsLong() >= struckAt) {
                takeoverAt = ready;
            }
        }
    }

    /**
     * What the drill measured, {@code chargeable} telling which won blocks Gavel is to charge (payable, in
     * settlement or settled); a frozen instance not yet woken is woken now, and asked whether it was deposed.
     */
    public FailoverReport report(LongPredicate chargeable) throws IOException, InterruptedException {
        long unrecorded =
                wonBlocks.stream().filter(number -> !chargeable.test(number)).count();
        if (struck == null) {
            return new FailoverReport(
                    plan,
                    OptionalLong.empty(),
                    0,
                    OptionalLong.empty(),
                    OptionalLong.empty(),
                    unrecorded,
                    Optional.empty(),
                    Optional.empty());
        }
        noteTakeover();
        OptionalLong failoverMillis = takeoverAt.isPresent()
                ? OptionalLong.of(TimeUnit.NANOSECONDS.toMillis(takeoverAt.getAsLong() - struckAt))
                : OptionalLong.empty();
        Optional<String> role = Optional.empty();
        Optional<Boolean> refused = Optional.empty();
        if (plan.fault() == FailoverPlan.Fault.FREEZE) {
            if (!woken) {
                struck.thaw();
                woken = true;
            }
            role = awaitDeposed();
            refused = Optional.of(refusesRollupBoost());
        }
        return new FailoverReport(plan, failoverMillis, missed, firstAnswered, firstWon, unrecorded, role, refused);
    }

    /** The woken instance's role once it says "deposed", or the last it said when patience ran out. */
    private Optional<String> awaitDeposed() throws InterruptedException {
        Instant deadline = Instant.now().plus(WAKING_PATIENCE);
        Optional<String> role = struck.role();
        while (!role.equals(Optional.of("deposed")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            role = struck.role();
        }
        return role;
    }

    /** Whether the woken instance, asked directly (not through the proxy) to open a round, refuses as not the auctioneer. */
    private boolean refusesRollupBoost() throws IOException, InterruptedException {
        Hash32 anyHead = SimulatedBlocks.hash(new Random(blocks));
        JsonNode answer = pair.engineOf(struck)
                .call(
                        "engine_forkchoiceUpdatedV3",
                        SimulatedRollupBoost.forkchoice(anyHead),
                        SimulatedBlocks.attributes(Instant.now().plusSeconds(2).getEpochSecond(), blocks));
        return answer.path("error").path("code").asInt() == NOT_THE_AUCTIONEER;
    }
}
