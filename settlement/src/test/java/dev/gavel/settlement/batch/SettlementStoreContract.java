package dev.gavel.settlement.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.db.settlement.Backlog;
import dev.gavel.db.settlement.BatchAttempt;
import dev.gavel.db.settlement.BatchReceipt;
import dev.gavel.db.settlement.InFlightBatch;
import dev.gavel.db.settlement.ItemResult;
import dev.gavel.db.settlement.PayableOutcome;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import dev.gavel.settlement.testing.SettlementLedger;
import dev.gavel.settlement.testing.WonBlocks;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * What every {@link SettlementStore} must do, so that the in-memory fake the unit tests use behaves as the
 * PostgreSQL store does: claiming is all or nothing, nonces and transactions are taken once, batches end once,
 * a released batch's outcomes are payable again, one holder at a time has the settler's lock.
 */
abstract class SettlementStoreContract extends OverASettlementStore {
    private static final BidSignatures SIGNATURES =
            new BidSignatures(Eip712Domain.gavel(901, Address.of(new byte[20])));
    private static final Address SETTLER = Address.of(filled(20, 0x5e));
    private static final Address OTHER_SETTLER = Address.of(filled(20, 0x6f));
    private static final Credentials ALICE = Credentials.create("0x" + "a1".repeat(32));
    private static final Credentials BOB = Credentials.create("0x" + "b2".repeat(32));
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    WonBlocks blocks;

    @BeforeEach
    void recordInto() {
        blocks = stores.wonBlocks(SIGNATURES);
    }

    private WonBlocks blocks() {
        return blocks;
    }

    @Test
    void payableOutcomesAreThoseIncludedLowestBlockFirst() throws Exception {
        long late = payable(120);
        long early = payable(110);
        long pending = blocks().won(100, ALICE, 900, null, 0, "second-price", 100);
        long notIncluded = blocks().won(105, ALICE, 900, null, 0, "second-price", 100);
        blocks().include(notIncluded, "not_included");
        long secondPrice = blocks().payable(130, ALICE, 900, BOB, 700, "second-price", 700);

        assertThat(store().payable(10)).extracting(PayableOutcome::roundId).containsExactly(early, late, secondPrice);
        assertThat(store().payable(1)).extracting(PayableOutcome::roundId).containsExactly(early);
        assertThat(store().payable(10).getLast()).satisfies(outcome -> {
            assertThat(outcome.blockNumber()).isEqualTo(BlockNumber.of(130));
            assertThat(outcome.format()).isEqualTo("second-price");
            assertThat(outcome.winner().builder()).isEqualTo(Address.fromHex(ALICE.getAddress()));
            assertThat(outcome.winner().value()).isEqualTo(Wei.of(900));
            assertThat(outcome.winner().signature().length()).isEqualTo(65);
            assertThat(outcome.runnerUp().builder()).isEqualTo(Address.fromHex(BOB.getAddress()));
            assertThat(outcome.payableSince()).isNotNull();
        });
        assertThat(ledger().states()).contains(pending + ":pending:-:-", notIncluded + ":not_included:-:-");
    }

    @Test
    void aBatchClaimsAllItsOutcomesOrNone() throws Exception {
        long first = payable(100);
        long second = payable(101);
        long third = payable(102);
        OptionalLong batch = store().open(SETTLER, 0, List.of(first, second), attempt(1));

        assertThat(batch).isPresent();
        assertThat(store().open(SETTLER, 1, List.of(second, third), attempt(2)))
                .as("the second is already claimed")
                .isEmpty();
        assertThat(store().payable(10)).extracting(PayableOutcome::roundId).containsExactly(third);
        assertThat(store().highestNonce(SETTLER))
                .as("the refused batch wrote nothing")
                .hasValue(0);
        assertThat(ledger().attempts())
                .extracting(SettlementLedger.Attempt::txHash)
                .containsExactly(attempt(1).txHash());
    }

    @Test
    void aSettlersNonceAndATransactionAreTakenOnce() throws Exception {
        long first = payable(100);
        long second = payable(101);
        store().open(SETTLER, 7, List.of(first), attempt(1));

        assertThat(store().open(SETTLER, 7, List.of(second), attempt(2))).isEmpty();
        assertThat(store().open(OTHER_SETTLER, 7, List.of(second), attempt(1)))
                .as("the same transaction twice")
                .isEmpty();
        assertThat(store().open(OTHER_SETTLER, 7, List.of(second), attempt(3)))
                .as("another settler's nonce 7")
                .isPresent();
        assertThat(store().highestNonce(SETTLER)).hasValue(7);
        assertThat(store().highestNonce(Address.of(new byte[20]))).isEmpty();
    }

    @Test
    void theBatchInFlightIsTheOldestWithItsAttemptsAndOutcomes() throws Exception {
        long first = payable(100);
        long second = payable(101);
        long later = payable(102);
        long batchId =
                store().open(SETTLER, 3, List.of(second, first), attempt(1, T0)).orElseThrow();
        store().addAttempt(batchId, attempt(2, T0.plusSeconds(30)));
        store().open(SETTLER, 4, List.of(later), attempt(3));

        InFlightBatch inFlight = store().inFlight(SETTLER).orElseThrow();
        assertThat(inFlight.batchId()).isEqualTo(batchId);
        assertThat(inFlight.nonce()).isEqualTo(3);
        assertThat(inFlight.attempts())
                .extracting(BatchAttempt::txHash)
                .containsExactly(attempt(1).txHash(), attempt(2).txHash());
        assertThat(inFlight.items())
                .extracting(InFlightBatch.Item::roundId, InFlightBatch.Item::blockNumber)
                .containsExactly(tuple(first, BlockNumber.of(100)), tuple(second, BlockNumber.of(101)));
        assertThat(store().inFlight(OTHER_SETTLER)).isEmpty();
        assertThatThrownBy(() -> store().addAttempt(batchId, attempt(2)))
                .as("a transaction recorded twice")
                .isInstanceOf(SettlementStoreException.class);
    }

    @Test
    void aConfirmedBatchRecordsEachVerdictAndEndsOnce() throws Exception {
        long settled = payable(100);
        long skipped = payable(101);
        long batchId =
                store().open(SETTLER, 0, List.of(settled, skipped), attempt(1)).orElseThrow();
        BatchReceipt receipt = new BatchReceipt(attempt(1).txHash(), BlockNumber.of(55), 90_000, Wei.of(12_345));

        store().confirm(
                        batchId,
                        receipt,
                        List.of(
                                ItemResult.settled(settled, Wei.of(100), Wei.of(60)),
                                ItemResult.skipped(skipped, "NOT_CANONICAL")));

        assertThat(ledger().states()).containsExactly(settled + ":settled:100:60", skipped + ":skipped:-:-");
        assertThat(ledger().batches())
                .singleElement()
                .isEqualTo(new SettlementLedger.Batch(
                        batchId, "confirmed", 2, attempt(1).txHash(), 90_000L, Wei.of(12_345)));
        assertThat(store().inFlight(SETTLER)).isEmpty();
        assertThatThrownBy(() -> store().confirm(batchId, receipt, List.of()))
                .isInstanceOf(SettlementStoreException.class);
        assertThatThrownBy(() -> store().release(batchId, SettlementStore.Release.DROPPED, null))
                .isInstanceOf(SettlementStoreException.class);
    }

    @Test
    void aReleasedBatchsOutcomesArePayableAgainAndItsNonceStaysUsed() throws Exception {
        long round = payable(100);
        long batchId = store().open(SETTLER, 0, List.of(round), attempt(1)).orElseThrow();

        store().release(batchId, SettlementStore.Release.DROPPED, null);

        assertThat(store().payable(10)).extracting(PayableOutcome::roundId).containsExactly(round);
        assertThat(store().inFlight(SETTLER)).isEmpty();
        assertThat(store().highestNonce(SETTLER)).hasValue(0);
        assertThat(ledger().batches())
                .singleElement()
                .isEqualTo(new SettlementLedger.Batch(batchId, "dropped", 1, null, null, null));
        assertThat(store().open(SETTLER, 1, List.of(round), attempt(2))).isPresent();
    }

    @Test
    void aQuarantinedOutcomeKeepsItsReasonAndIsNeitherPayableNorOwed() throws Exception {
        long poisoned = payable(100);
        long honest = payable(101);
        long pending = blocks().won(102, ALICE, 900, null, 0, "second-price", 100);

        store().quarantine(poisoned, "intrinsic gas too high");
        store().quarantine(pending, "not payable: left as it is");

        assertThat(store().payable(10)).extracting(PayableOutcome::roundId).containsExactly(honest);
        assertThat(store().backlog().total()).isEqualTo(1);
        assertThat(ledger().states())
                .containsExactly(poisoned + ":quarantined:-:-", honest + ":payable:-:-", pending + ":pending:-:-");
        assertThat(ledger().reasons()).containsExactly(poisoned + ":intrinsic gas too high");
        assertThat(store().open(SETTLER, 0, List.of(poisoned), attempt(1))).isEmpty();
    }

    @Test
    void theBacklogCountsWhatIsPayableAndWhatIsInFlight() throws Exception {
        assertThat(store().backlog()).isEqualTo(new Backlog(0, 0, Optional.empty(), Optional.empty()));
        long submitted = payable(90);
        payable(100);
        payable(110);
        blocks().include(blocks().won(80, ALICE, 900, null, 0, "second-price", 100), "not_included");
        store().open(SETTLER, 0, List.of(submitted), attempt(1));

        Backlog backlog = store().backlog();

        assertThat(backlog.payable()).isEqualTo(2);
        assertThat(backlog.submitted()).isEqualTo(1);
        assertThat(backlog.total()).isEqualTo(3);
        assertThat(backlog.oldestBlock()).hasValue(BlockNumber.of(90));
        assertThat(backlog.oldestClosedAt()).isPresent();
    }

    @Test
    void oneHolderAtATimeHasTheSettlersLock() {
        Optional<SettlementStore.Lock> held = store().tryLock(SETTLER);

        assertThat(held).isPresent();
        assertThat(store().tryLock(SETTLER)).isEmpty();
        try (SettlementStore.Lock other = store().tryLock(OTHER_SETTLER).orElseThrow()) {
            assertThat(other).as("another settler's lock").isNotNull();
        }
        held.get().close();
        Optional<SettlementStore.Lock> again = store().tryLock(SETTLER);
        assertThat(again).isPresent();
        again.get().close();
    }

    private long payable(long block) throws Exception {
        return blocks().payable(block, ALICE, 900, null, 0, "second-price", 100);
    }

    private static BatchAttempt attempt(int seed) {
        return attempt(seed, T0);
    }

    private static BatchAttempt attempt(int seed, Instant signedAt) {
        return new BatchAttempt(
                Hash32.of(filled(32, seed)),
                Wei.of(1_000L * seed),
                Wei.of(seed),
                21_000,
                Bytes.of(filled(100, seed)),
                signedAt);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
