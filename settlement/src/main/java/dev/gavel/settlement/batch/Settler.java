package dev.gavel.settlement.batch;

import dev.gavel.db.settlement.BatchAttempt;
import dev.gavel.db.settlement.BatchReceipt;
import dev.gavel.db.settlement.InFlightBatch;
import dev.gavel.db.settlement.ItemResult;
import dev.gavel.db.settlement.PayableOutcome;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import dev.gavel.settlement.contracts.AuctionSettlement;
import dev.gavel.settlement.proof.BlockHashProofs;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Pays for won blocks: groups payable outcomes into {@code settle(items)} transactions and follows each to a
 * confirmed receipt. One batch is in flight at a time. Every signed transaction is written to its store
 * before it is broadcast, so a restart reconciles by nonce and receipt: it re-sends the very same bytes if
 * the node lost them, replaces a stuck one with higher fees for the same nonce, and never signs a second
 * batch over outcomes already claimed. The contract's once-per-block bitmap is the last guard.
 */
public final class Settler {
    private static final Logger log = LoggerFactory.getLogger(Settler.class);

    private final SettlementStore store;
    private final SettlerChain chain;
    private final AuctionSettlement contract;
    private final BlockHashProofs proofs;
    private final BatchRules rules;
    private final Timing timing;
    private final Clock clock;
    private final Address settler;
    /** The batch last found stuck at the fee cap, so that it is said once. */
    private long cappedBatch = -1;

    public Settler(
            SettlementStore store,
            SettlerChain chain,
            AuctionSettlement contract,
            BlockHashProofs proofs,
            BatchRules rules,
            Timing timing,
            Clock clock) {
        this.store = store;
        this.chain = chain;
        this.contract = contract;
        this.proofs = proofs;
        this.rules = rules;
        this.timing = timing;
        this.clock = clock;
        this.settler = chain.settlerAddress();
    }

    /** One pass: follow the batch in flight, then send the next when one is due. Only one replica passes at a time. */
    public Optional<SettlementReport> runOnce() throws IOException {
        Optional<SettlementStore.Lock> lock = store.tryLock(settler);
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        try (SettlementStore.Lock held = lock.get()) {
            long head = chain.head();
            Optional<SettlementReport.EndedBatch> ended = Optional.empty();
            Optional<InFlightBatch> inFlight = store.inFlight(settler);
            if (inFlight.isPresent()) {
                ended = follow(inFlight.get(), head);
                if (ended.isPresent()) {
                    inFlight = Optional.empty();
                }
            }
            int quarantined = inFlight.isEmpty() ? sendIfDue(head) : 0;
            var backlog = store.backlog();
            return Optional.of(new SettlementReport(
                    backlog,
                    blocksLeft(backlog.oldestBlock(), head),
                    ended.map(batch -> latencies(batch.batch(), batch.results()))
                            .orElse(List.of()),
                    ended,
                    quarantined,
                    chain.balance()));
        }
    }

    /**
     * Follows the batch in flight: its end once its transaction is confirmed, empty while it is still in flight or
     * when it was released. Its nonce is judged taken by a transaction Gavel did not sign only when none of the
     * batch's transactions has a receipt and the nonce was used by a block {@code confirmations} (at least one)
     * below the head: the receipts of such a block are readable, and a shallow reorg can no longer bring ours back.
     */
    private Optional<SettlementReport.EndedBatch> follow(InFlightBatch batch, long head) throws IOException {
        Optional<TransactionReceipt> receipt = receipt(batch);
        if (receipt.isPresent()) {
            return ended(batch, receipt.get(), head);
        }
        long deep = head - Math.max(1, timing.confirmations());
        if (deep >= 0 && chain.minedNonceAt(deep) > batch.nonce()) {
            log.warn(
                    "settlement batch {}: nonce {} was used by a transaction Gavel did not sign; its {} outcomes are payable again",
                    batch.batchId(),
                    batch.nonce(),
                    batch.items().size());
            store.release(batch.batchId(), SettlementStore.Release.DROPPED, null);
            return Optional.empty();
        }
        BatchAttempt latest = batch.latestAttempt();
        Instant now = clock.instant();
        if (!latest.signedAt().plus(timing.replaceAfter()).isAfter(now)) {
            replace(batch, latest, now);
        } else if (!chain.knows(latest.txHash())) {
            chain.broadcast(latest);
        }
        return Optional.empty();
    }

    /** Replaces a stuck transaction with higher fees, within the fee cap; at the cap it waits for the market instead. */
    private void replace(InFlightBatch batch, BatchAttempt latest, Instant now) throws IOException {
        Optional<BatchAttempt> replacement = chain.replace(latest, timing.feeBumpPercent(), timing.maxFeePerGas(), now);
        if (replacement.isEmpty()) {
            if (cappedBatch != batch.batchId()) {
                cappedBatch = batch.batchId();
                log.warn(
                        "settlement batch {}: nonce {} pending since {} at max fee {}; the fee cap {} leaves no room to"
                                + " replace it, so it waits for the market",
                        batch.batchId(),
                        batch.nonce(),
                        latest.signedAt(),
                        latest.maxFeePerGas(),
                        timing.maxFeePerGas());
            }
            if (!chain.knows(latest.txHash())) {
                chain.broadcast(latest);
            }
            return;
        }
        store.addAttempt(batch.batchId(), replacement.get());
        log.info(
                "settlement batch {}: nonce {} pending since {}; replaced by {} at max fee {}",
                batch.batchId(),
                batch.nonce(),
                latest.signedAt(),
                replacement.get().txHash(),
                replacement.get().maxFeePerGas());
        chain.broadcast(replacement.get());
    }

    /** The receipt of any transaction signed for the batch, the latest first. */
    private Optional<TransactionReceipt> receipt(InFlightBatch batch) throws IOException {
        for (BatchAttempt attempt : batch.attempts().reversed()) {
            Optional<TransactionReceipt> receipt = chain.receipt(attempt.txHash());
            if (receipt.isPresent()) {
                return receipt;
            }
        }
        return Optional.empty();
    }

    private Optional<SettlementReport.EndedBatch> ended(InFlightBatch batch, TransactionReceipt receipt, long head) {
        long minedBlock = receipt.getBlockNumber().longValueExact();
        if (head - minedBlock < timing.confirmations()) {
            return Optional.empty();
        }
        BatchReceipt mined = new BatchReceipt(
                Hash32.fromHex(receipt.getTransactionHash()),
                BlockNumber.of(minedBlock),
                receipt.getGasUsed().longValueExact(),
                new Wei(receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice()))));
        if (!receipt.isStatusOK()) {
            log.error(
                    "settlement batch {} reverted in block {} ({}); its {} outcomes are payable again",
                    batch.batchId(),
                    minedBlock,
                    receipt.getTransactionHash(),
                    batch.items().size());
            store.release(batch.batchId(), SettlementStore.Release.REVERTED, mined);
            return Optional.empty();
        }
        List<ItemResult> results =
                ReceiptVerdicts.of(receipt, Address.fromHex(contract.getContractAddress()), batch.items());
        store.confirm(batch.batchId(), mined, results);
        log.info(
                "settlement batch {} confirmed in block {}: {} settled, {} skipped",
                batch.batchId(),
                minedBlock,
                results.stream().filter(ItemResult::settled).count(),
                results.stream().filter(r -> !r.settled()).count());
        return Optional.of(new SettlementReport.EndedBatch(batch, mined.minedBlock(), results));
    }

    /**
     * Sends a batch of the payable outcomes when one is due, after the node's pre-flight: outcomes that would make
     * the call fail on their own are quarantined with the node's reason and the rest go on. Returns how many were
     * quarantined.
     */
    private int sendIfDue(long head) throws IOException {
        List<PayableOutcome> payable = store.payable(rules.maxItems());
        OptionalLong blocksLeft =
                blocksLeft(payable.stream().map(PayableOutcome::blockNumber).min(BlockNumber::compareTo), head);
        if (!rules.due(payable, clock.instant(), blocksLeft)) {
            return 0;
        }
        Map<Long, AuctionSettlement.Item> items = new HashMap<>();
        for (PayableOutcome outcome : payable) {
            items.put(outcome.roundId(), SettlementItems.item(outcome, proofs));
        }
        BatchPreflight.Plan plan = BatchPreflight.plan(payable, outcomes -> chain.preflight(callData(outcomes, items)));
        plan.poisoned().forEach((roundId, reason) -> {
            log.warn("settlement: round {} is quarantined, the settle call fails with it alone: {}", roundId, reason);
            store.quarantine(roundId, reason);
        });
        if (!plan.sendable().isEmpty()) {
            send(plan.sendable(), callData(plan.sendable(), items), plan.gasLimit());
        }
        return plan.poisoned().size();
    }

    private void send(List<PayableOutcome> outcomes, String callData, long gasLimit) throws IOException {
        long nonce = Math.max(chain.minedNonce(), store.highestNonce(settler).orElse(-1) + 1);
        BatchAttempt attempt =
                chain.sign(nonce, callData, gasLimit, chain.marketFees(timing.maxFeePerGas()), clock.instant());
        OptionalLong batchId = store.open(
                settler, nonce, outcomes.stream().map(PayableOutcome::roundId).toList(), attempt);
        if (batchId.isEmpty()) {
            log.info("settlement: another settler claimed these outcomes or nonce {} first; nothing sent", nonce);
            return;
        }
        log.info(
                "settlement batch {}: {} outcomes in {} (nonce {})",
                batchId.getAsLong(),
                outcomes.size(),
                attempt.txHash(),
                nonce);
        chain.broadcast(attempt);
    }

    private String callData(List<PayableOutcome> outcomes, Map<Long, AuctionSettlement.Item> items) {
        return contract.settle(
                        outcomes.stream().map(o -> items.get(o.roundId())).toList())
                .encodeFunctionCall();
    }

    /** Blocks left before the contract can no longer check {@code block}'s hash, counted from the next block. */
    private OptionalLong blocksLeft(Optional<BlockNumber> block, long head) {
        if (block.isEmpty() || proofs.windowBlocks().isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(block.get().value() + proofs.windowBlocks().getAsLong() - (head + 1));
    }

    private List<Duration> latencies(InFlightBatch batch, List<ItemResult> results) {
        Instant now = clock.instant();
        return batch.items().stream()
                .filter(item -> results.stream().anyMatch(r -> r.settled() && r.roundId() == item.roundId()))
                .map(item -> Duration.between(item.closedAt(), now))
                .toList();
    }

    /**
     * How the settler paces its transactions: the confirmation depth before a receipt counts, how long a
     * transaction may stay pending before it is replaced, by how much each replacement raises its fees, and the
     * most it ever offers per gas (its max fee, the tip included), however long a halted chain keeps it waiting.
     */
    public record Timing(long confirmations, Duration replaceAfter, int feeBumpPercent, Wei maxFeePerGas) {
        public Timing {
            if (confirmations < 0
                    || replaceAfter.isNegative()
                    || replaceAfter.isZero()
                    || feeBumpPercent < SettlerChain.MIN_REPLACEMENT_BUMP_PERCENT
                    || !Wei.ZERO.isLessThan(maxFeePerGas)) {
                throw new IllegalArgumentException("confirmations ≥ 0, replace-after > 0, a fee bump ≥ 10 % (nodes"
                        + " refuse less) and a max fee per gas > 0");
            }
        }
    }
}
