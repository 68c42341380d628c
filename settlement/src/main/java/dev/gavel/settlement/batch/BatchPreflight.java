package dev.gavel.settlement.batch;

import dev.gavel.db.settlement.PayableOutcome;
import dev.gavel.settlement.batch.SettlerChain.Preflight;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a settle call can carry, found before anything is signed. The contract skips a bad item instead of
 * reverting, but an item can still sink a whole call (its size alone can put the call past the block's gas): when
 * the node says the call of all payable outcomes would fail, the list is halved until each failing outcome stands
 * alone. An outcome whose call fails on its own, while {@code settle([])} passes (so the contract, the node and
 * the settler's role are fine), is poisoned: it is set aside with the node's reason and the others go on.
 * Outcomes that only fail together (too much gas between them) are not poisoned: the first half goes now, the
 * rest at a later pass.
 */
final class BatchPreflight {
    private final Estimator estimator;
    private final Map<Long, String> poisoned = new LinkedHashMap<>();

    private BatchPreflight(Estimator estimator) {
        this.estimator = estimator;
    }

    /**
     * The outcomes to send now (with the gas their call needs) and the poisoned ones; {@code payable} is not empty.
     *
     * @throws IOException when the node cannot be asked, or a settle call fails even without items
     */
    static Plan plan(List<PayableOutcome> payable, Estimator estimator) throws IOException {
        BatchPreflight preflight = new BatchPreflight(estimator);
        Preflight whole = estimator.estimate(payable);
        if (whole instanceof Preflight.Fits(long gasLimit)) {
            return new Plan(payable, gasLimit, Map.of());
        }
        if (estimator.estimate(List.of()) instanceof Preflight.Fails(String reason)) {
            throw new IOException("the settle call fails even without items: " + reason);
        }
        Sendable sendable = preflight.isolate(payable, whole);
        return new Plan(sendable.outcomes(), sendable.gasLimit(), preflight.poisoned);
    }

    private Sendable isolate(List<PayableOutcome> outcomes, Preflight known) throws IOException {
        Preflight preflight = known != null ? known : estimator.estimate(outcomes);
        if (preflight instanceof Preflight.Fits(long gasLimit)) {
            return new Sendable(outcomes, gasLimit);
        }
        if (outcomes.size() == 1) {
            poisoned.put(outcomes.getFirst().roundId(), ((Preflight.Fails) preflight).reason());
            return Sendable.NONE;
        }
        int half = outcomes.size() / 2;
        Sendable left = isolate(outcomes.subList(0, half), null);
        Sendable right = isolate(outcomes.subList(half, outcomes.size()), null);
        if (left.outcomes().isEmpty() || right.outcomes().isEmpty()) {
            return left.outcomes().isEmpty() ? right : left;
        }
        List<PayableOutcome> together = new ArrayList<>(left.outcomes());
        together.addAll(right.outcomes());
        return estimator.estimate(together) instanceof Preflight.Fits(long gasLimit)
                ? new Sendable(together, gasLimit)
                : left;
    }

    /** Asks the node what a settle call of these outcomes would do. */
    @FunctionalInterface
    interface Estimator {
        Preflight estimate(List<PayableOutcome> outcomes) throws IOException;
    }

    /** The outcomes to send now and the gas their call needs; the poisoned ones by round id, with the node's reason. */
    record Plan(List<PayableOutcome> sendable, long gasLimit, Map<Long, String> poisoned) {
        Plan {
            sendable = List.copyOf(sendable);
            poisoned = Map.copyOf(poisoned);
        }
    }

    private record Sendable(List<PayableOutcome> outcomes, long gasLimit) {
        static final Sendable NONE = new Sendable(List.of(), 0);
    }
}
