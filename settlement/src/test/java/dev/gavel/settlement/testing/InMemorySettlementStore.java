package dev.gavel.settlement.testing;

import dev.gavel.db.settlement.Backlog;
import dev.gavel.db.settlement.BatchAttempt;
import dev.gavel.db.settlement.BatchReceipt;
import dev.gavel.db.settlement.InFlightBatch;
import dev.gavel.db.settlement.ItemResult;
import dev.gavel.db.settlement.PayableOutcome;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import dev.gavel.settlement.batch.SettlementStore;
import dev.gavel.settlement.batch.SettlementStoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settler's store in memory, with the JDBC store's semantics (SettlementStoreContract holds both to
 * them): a batch claims all its outcomes or none, a settler's nonce and a transaction hash are taken once, a
 * batch ends once, a released batch's outcomes are payable again, and one holder at a time has a settler's lock.
 * Won blocks arrive as the history records them: {@link #won} (pending) then {@link #include}.
 */
public final class InMemorySettlementStore implements SettlementStore, SettlementLedger {
    private static final Set<String> INCLUSION_STATES = Set.of("pending", "payable", "not_included");

    private final Clock clock;
    private final Map<Long, Outcome> outcomes = new TreeMap<>();
    private final Map<Long, Batch> batches = new TreeMap<>();
    private final Map<Hash32, BatchAttempt> attempts = new HashMap<>();
    private final Set<Address> locked = new HashSet<>();
    private long nextBatchId = 1;

    public InMemorySettlementStore(Clock clock) {
        this.clock = clock;
    }

    /** Forgets everything, as a new store. */
    public synchronized void clear() {
        outcomes.clear();
        batches.clear();
        attempts.clear();
        locked.clear();
        nextBatchId = 1;
    }

    /** A round closed with a winner: its outcome is pending until its inclusion is known. */
    public synchronized void won(PayableOutcome outcome) {
        if (outcomes.putIfAbsent(outcome.roundId(), new Outcome(outcome, clock.instant())) != null) {
            throw new IllegalArgumentException("round " + outcome.roundId() + " already won");
        }
    }

    /** The won block's inclusion decided or revised ("pending", "payable", "not_included"), until it is submitted. */
    public synchronized void include(long roundId, String state) {
        if (!INCLUSION_STATES.contains(state)) {
            throw new IllegalArgumentException("not an inclusion state: " + state);
        }
        Outcome outcome = outcomes.get(roundId);
        if (outcome != null && INCLUSION_STATES.contains(outcome.state)) {
            outcome.state = state;
            outcome.updatedAt = clock.instant();
        }
    }

    @Override
    public synchronized List<PayableOutcome> payable(int limit) {
        return outcomes.values().stream()
                .filter(o -> o.state.equals("payable") && o.won.winner().signature() != null)
                .sorted(Comparator.comparing((Outcome o) -> o.won.blockNumber())
                        .thenComparingLong(o -> o.won.roundId()))
                .limit(limit)
                .map(Outcome::payable)
                .toList();
    }

    @Override
    public synchronized OptionalLong open(Address settler, long nonce, List<Long> roundIds, BatchAttempt first) {
        boolean nonceTaken = batches.values().stream().anyMatch(b -> b.settler.equals(settler) && b.nonce == nonce);
        boolean allPayable = new LinkedHashSet<>(roundIds).size() == roundIds.size()
                && roundIds.stream()
                        .allMatch(id -> outcomes.containsKey(id)
                                && outcomes.get(id).state.equals("payable"));
        if (nonceTaken || attempts.containsKey(first.txHash()) || !allPayable) {
            return OptionalLong.empty();
        }
        long batchId = nextBatchId++;
        Batch batch = new Batch(batchId, settler, nonce, roundIds.size());
        batches.put(batchId, batch);
        attempt(batch, first);
        Instant now = clock.instant();
        for (long roundId : roundIds) {
            Outcome outcome = outcomes.get(roundId);
            outcome.state = "submitted";
            outcome.batchId = batchId;
            outcome.updatedAt = now;
        }
        return OptionalLong.of(batchId);
    }

    @Override
    public synchronized void addAttempt(long batchId, BatchAttempt attempt) {
        Batch batch = batches.get(batchId);
        if (batch == null || attempts.containsKey(attempt.txHash())) {
            throw new SettlementStoreException(
                    "cannot record " + attempt.txHash() + " for batch " + batchId,
                    new IllegalStateException(batch == null ? "no such batch" : "transaction already recorded"));
        }
        attempt(batch, attempt);
    }

    @Override
    public synchronized Optional<InFlightBatch> inFlight(Address settler) {
        return batches.values().stream()
                .filter(b -> b.settler.equals(settler) && b.state.equals("submitted"))
                .min(Comparator.comparingLong(b -> b.nonce))
                .map(b -> new InFlightBatch(
                        b.batchId,
                        b.nonce,
                        b.attempts.stream()
                                .sorted(Comparator.comparing(BatchAttempt::signedAt)
                                        .thenComparing(a -> a.txHash().toHex()))
                                .toList(),
                        outcomes.values().stream()
                                .filter(o -> Objects.equals(o.batchId, b.batchId) && o.state.equals("submitted"))
                                .sorted(Comparator.comparing((Outcome o) -> o.won.blockNumber()))
                                .map(o ->
                                        new InFlightBatch.Item(o.won.roundId(), o.won.blockNumber(), o.won.closedAt()))
                                .toList()));
    }

    @Override
    public synchronized void confirm(long batchId, BatchReceipt receipt, List<ItemResult> results) {
        end(batchId, "confirmed", receipt);
        Instant now = clock.instant();
        for (ItemResult result : results) {
            Outcome outcome = outcomes.get(result.roundId());
            if (outcome != null && Objects.equals(outcome.batchId, batchId) && outcome.state.equals("submitted")) {
                outcome.state = result.settled() ? "settled" : "skipped";
                outcome.skipReason = result.skipReason();
                outcome.price = result.price();
                outcome.charged = result.charged();
                outcome.updatedAt = now;
            }
        }
    }

    @Override
    public synchronized void release(long batchId, Release reason, BatchReceipt receipt) {
        end(batchId, reason.name().toLowerCase(Locale.ROOT), receipt);
        Instant now = clock.instant();
        outcomes.values().stream()
                .filter(o -> Objects.equals(o.batchId, batchId) && o.state.equals("submitted"))
                .forEach(o -> {
                    o.state = "payable";
                    o.batchId = null;
                    o.updatedAt = now;
                });
    }

    @Override
    public synchronized void quarantine(long roundId, String reason) {
        Outcome outcome = outcomes.get(roundId);
        if (outcome != null && outcome.state.equals("payable")) {
            outcome.state = "quarantined";
            outcome.skipReason = reason;
            outcome.updatedAt = clock.instant();
        }
    }

    @Override
    public synchronized OptionalLong highestNonce(Address settler) {
        return batches.values().stream()
                .filter(b -> b.settler.equals(settler))
                .mapToLong(b -> b.nonce)
                .max();
    }

    @Override
    public synchronized Backlog backlog() {
        List<Outcome> owed = outcomes.values().stream()
                .filter(o -> o.state.equals("payable") || o.state.equals("submitted"))
                .toList();
        return new Backlog(
                (int) owed.stream().filter(o -> o.state.equals("payable")).count(),
                (int) owed.stream().filter(o -> o.state.equals("submitted")).count(),
                owed.stream().map(o -> o.won.blockNumber()).min(BlockNumber::compareTo),
                owed.stream().map(o -> o.won.closedAt()).min(Instant::compareTo));
    }

    @Override
    public synchronized Optional<Lock> tryLock(Address settler) {
        if (!locked.add(settler)) {
            return Optional.empty();
        }
        return Optional.of(() -> unlock(settler));
    }

    private synchronized void unlock(Address settler) {
        locked.remove(settler);
    }

    @Override
    public synchronized List<String> states() {
        return outcomes.values().stream()
                .map(o -> o.won.roundId() + ":" + o.state + ":" + amount(o.price) + ":" + amount(o.charged))
                .toList();
    }

    @Override
    public synchronized List<String> reasons() {
        return outcomes.values().stream()
                .filter(o -> o.skipReason != null)
                .map(o -> o.won.roundId() + ":" + o.skipReason)
                .toList();
    }

    @Override
    public synchronized List<SettlementLedger.Batch> batches() {
        return batches.values().stream()
                .map(b -> new SettlementLedger.Batch(
                        b.batchId,
                        b.state,
                        b.items,
                        b.receipt == null ? null : b.receipt.txHash(),
                        b.receipt == null ? null : b.receipt.gasUsed(),
                        b.receipt == null ? null : b.receipt.feePaid()))
                .toList();
    }

    @Override
    public synchronized List<Attempt> attempts() {
        return batches.values().stream()
                .flatMap(b -> b.attempts.stream())
                .sorted(Comparator.comparing(BatchAttempt::signedAt))
                .map(a -> new Attempt(a.txHash(), a.maxFeePerGas()))
                .toList();
    }

    private void attempt(Batch batch, BatchAttempt attempt) {
        attempts.put(attempt.txHash(), attempt);
        batch.attempts.add(attempt);
    }

    private void end(long batchId, String state, BatchReceipt receipt) {
        Batch batch = batches.get(batchId);
        if (batch == null || !batch.state.equals("submitted")) {
            throw new SettlementStoreException(
                    "cannot end batch " + batchId, new IllegalStateException("settlement batch is not in flight"));
        }
        batch.state = state;
        batch.receipt = receipt;
    }

    private static String amount(Wei wei) {
        return wei == null ? "-" : wei.amount().toString();
    }

    private static final class Outcome {
        final PayableOutcome won;
        String state = "pending";
        Long batchId;
        Instant updatedAt;
        String skipReason;
        Wei price;
        Wei charged;

        Outcome(PayableOutcome won, Instant at) {
            this.won = won;
            this.updatedAt = at;
        }

        PayableOutcome payable() {
            return new PayableOutcome(
                    won.roundId(),
                    won.blockNumber(),
                    won.format(),
                    won.winner(),
                    won.runnerUp(),
                    won.closedAt(),
                    updatedAt);
        }
    }

    private static final class Batch {
        final long batchId;
        final Address settler;
        final long nonce;
        final int items;
        final List<BatchAttempt> attempts = new ArrayList<>();
        String state = "submitted";
        BatchReceipt receipt;

        Batch(long batchId, Address settler, long nonce, int items) {
            this.batchId = batchId;
            this.settler = settler;
            this.nonce = nonce;
            this.items = items;
        }
    }
}
