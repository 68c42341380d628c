package dev.gavel.settlement.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.db.settlement.PayableOutcome;
import dev.gavel.db.settlement.StoredBid;
import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import dev.gavel.settlement.batch.SettlerChain.Preflight;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The pre-flight against a node that fails any call carrying a poisoned outcome, and any call of more outcomes
 * than a block holds: the poisoned ones, and only they, are set aside; what is sent passes.
 */
class BatchPreflightTest {
    private static final int GAS_PER_ITEM = 50_000;

    @Test
    void aPoisonedOutcomeIsSetAsideWithTheNodesReasonAndTheOthersGoOn() throws IOException {
        List<PayableOutcome> payable = outcomes(8);
        Node node = new Node(Set.of(3L), 64);

        BatchPreflight.Plan plan = BatchPreflight.plan(payable, node);

        assertThat(plan.poisoned()).containsOnlyKeys(3L).containsValue("out of gas: item 3");
        assertThat(plan.sendable()).extracting(PayableOutcome::roundId).containsExactly(0L, 1L, 2L, 4L, 5L, 6L, 7L);
        assertThat(plan.gasLimit()).isEqualTo(7L * GAS_PER_ITEM);
    }

    @Test
    void outcomesThatOnlyFailTogetherAreNotPoisonedTheFirstOnesGoNow() throws IOException {
        List<PayableOutcome> payable = outcomes(8);

        BatchPreflight.Plan plan = BatchPreflight.plan(payable, new Node(Set.of(), 3));

        assertThat(plan.poisoned()).isEmpty();
        assertThat(plan.sendable()).extracting(PayableOutcome::roundId).containsExactly(0L, 1L);
    }

    @Test
    void whenSettleFailsEvenWithoutItemsNoOutcomeIsBlamed() {
        Node broken = new Node(Set.of(), 64) {
            @Override
            public Preflight estimate(List<PayableOutcome> outcomes) {
                return new Preflight.Fails("execution reverted: NotAuctioneer");
            }
        };

        assertThatThrownBy(() -> BatchPreflight.plan(outcomes(4), broken))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("NotAuctioneer");
    }

    @Test
    void onlyPoisonedOutcomesAreSetAsideAndWhatIsSentPasses() {
        Property.forAll(200, Gen.ints(1, 64), Gen.ints(1, 70), Gen.ints(0, 63).list(0, 5), (size, capacity, poison) -> {
            Set<Long> poisoned = new HashSet<>();
            poison.forEach(p -> poisoned.add((long) (p % size)));
            Node node = new Node(poisoned, capacity);
            BatchPreflight.Plan plan = BatchPreflight.plan(outcomes(size), node);
            assertThat(plan.poisoned().keySet()).isEqualTo(poisoned);
            assertThat(plan.sendable()).noneMatch(o -> poisoned.contains(o.roundId()));
            if (plan.sendable().isEmpty()) {
                assertThat(poisoned).hasSize(size);
            } else {
                assertThat(node.estimate(plan.sendable())).isEqualTo(new Preflight.Fits(plan.gasLimit()));
            }
        });
    }

    /** A node whose call fails with a poisoned outcome in it, or with more outcomes than {@code capacity}. */
    private static class Node implements BatchPreflight.Estimator {
        private final Set<Long> poisoned;
        private final int capacity;

        Node(Set<Long> poisoned, int capacity) {
            this.poisoned = poisoned;
            this.capacity = capacity;
        }

        @Override
        public Preflight estimate(List<PayableOutcome> outcomes) {
            for (PayableOutcome outcome : outcomes) {
                if (poisoned.contains(outcome.roundId())) {
                    return new Preflight.Fails("out of gas: item " + outcome.roundId());
                }
            }
            return outcomes.size() > capacity
                    ? new Preflight.Fails("exceeds block gas limit")
                    : new Preflight.Fits((long) GAS_PER_ITEM * outcomes.size());
        }
    }

    private static List<PayableOutcome> outcomes(int count) {
        List<PayableOutcome> outcomes = new ArrayList<>();
        LongStream.range(0, count).forEach(round -> {
            StoredBid bid = new StoredBid(
                    BlockNumber.of(1_000 + round),
                    Hash32.of(new byte[32]),
                    Hash32.of(new byte[32]),
                    Wei.of(900),
                    Address.of(new byte[20]),
                    Bytes.of(new byte[65]));
            outcomes.add(new PayableOutcome(
                    round, bid.blockNumber(), "second-price", bid, null, Instant.EPOCH, Instant.EPOCH));
        });
        return outcomes;
    }
}
