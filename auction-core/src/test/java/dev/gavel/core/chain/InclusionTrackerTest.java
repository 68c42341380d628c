package dev.gavel.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.round.Outcome;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Wei;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InclusionTrackerTest {
    private static final Hash32 P = hash(1);
    private static final Hash32 A = hash(2);
    private static final Hash32 B = hash(3);
    private static final Address WINNER = Address.fromHex("0x" + "11".repeat(20));
    private final ChainHeads heads = new ChainHeads(1024);
    private final List<Map.Entry<Long, Inclusion>> changes = new ArrayList<>();
    private final List<Hash32> canonicals = new ArrayList<>();
    private final List<WonBlock> undecided = new ArrayList<>();
    private final InclusionTracker tracker = new InclusionTracker(heads, 512, new InclusionTracker.Listener() {
        @Override
        public void inclusionChanged(WonBlock won, Inclusion state, Hash32 canonical) {
            changes.add(Map.entry(won.roundId(), state));
            canonicals.add(canonical);
        }

        @Override
        public void undecided(WonBlock won) {
            undecided.add(won);
        }
    });

    @Test
    void theWinnersBlockIsPayableOnceSafeAndACompetingOneIsNot() {
        declare(P, 100, hash(0));
        declare(A, 101, P);
        tracker.watch(outcome(1, 101, A));
        tracker.watch(outcome(2, 101, B));
        assertThat(changes).as("the unsafe head decides nothing").isEmpty();

        choose(A, A);

        assertThat(changes).containsExactly(Map.entry(1L, Inclusion.PAYABLE), Map.entry(2L, Inclusion.NOT_INCLUDED));
    }

    @Test
    void anUnsafeReorgNeverMakesTheReplacedBlockPayable() {
        declare(P, 100, hash(0));
        declare(A, 101, P);
        tracker.watch(outcome(1, 101, A));
        choose(A, P);
        assertThat(tracker.inclusionOf(1))
                .as("won and at the head, but not yet safe")
                .hasValue(Inclusion.PENDING);

        declare(B, 101, P);
        choose(B, B);

        assertThat(tracker.inclusionOf(1)).hasValue(Inclusion.NOT_INCLUDED);
        assertThat(changes).containsExactly(Map.entry(1L, Inclusion.NOT_INCLUDED));
        assertThat(canonicals).as("the block the safe chain holds instead").containsExactly(B);
    }

    @Test
    void aWinRestoredAsPayableIsToldOnlyOfAChange() {
        declare(P, 100, hash(0));
        declare(A, 101, P);
        choose(A, A);
        tracker.watch(new WonBlock(1, BlockNumber.of(101), A, WINNER, Wei.of(5)), Inclusion.PAYABLE);
        assertThat(changes).as("restored as it stood: nothing changed").isEmpty();

        declare(B, 101, P);
        choose(B, B);

        assertThat(changes).containsExactly(Map.entry(1L, Inclusion.NOT_INCLUDED));
    }

    @Test
    void aWinStillPendingWhenTheHeadLeavesItBehindIsGivenUpOnAndSaidSo() {
        declare(P, 100, hash(0));
        WonBlock won = new WonBlock(1, BlockNumber.of(101), A, WINNER, Wei.of(5));
        tracker.watch(won, Inclusion.PENDING);
        tracker.watch(new WonBlock(2, BlockNumber.of(101), A, WINNER, Wei.of(5)), Inclusion.NOT_INCLUDED);

        declare(hash(9), 614, hash(8));

        assertThat(undecided).as("only the undecided one is said").containsExactly(won);
        assertThat(tracker.inclusionOf(1)).isEmpty();
        assertThat(tracker.inclusionOf(2)).isEmpty();
    }

    @Test
    void aSafeChainReorgBeforeSettlementFlipsTheDecision() {
        declare(P, 100, hash(0));
        declare(A, 101, P);
        tracker.watch(outcome(1, 101, A));
        choose(A, A);

        declare(B, 101, P);
        choose(B, B);
        assertThat(tracker.inclusionOf(1)).hasValue(Inclusion.NOT_INCLUDED);
        choose(A, A);

        assertThat(changes)
                .extracting(Map.Entry::getValue)
                .containsExactly(Inclusion.PAYABLE, Inclusion.NOT_INCLUDED, Inclusion.PAYABLE);
    }

    private void choose(Hash32 head, Hash32 safe) {
        heads.setHead(head);
        heads.setSafe(safe);
        tracker.headsChanged();
    }

    @Test
    void aHeightTheChainHasNotReachedStaysPending() {
        declare(P, 100, hash(0));
        tracker.watch(outcome(1, 150, A));

        assertThat(tracker.inclusionOf(1)).hasValue(Inclusion.PENDING);
        assertThat(changes).isEmpty();
    }

    @Test
    void outcomesWithoutAWinnerAreNotWatched() {
        tracker.watch(new Outcome(
                9,
                BlockNumber.of(5),
                P,
                PayloadId.of(new byte[8]),
                AuctionFormat.FIRST_PRICE,
                null,
                null,
                null,
                null,
                0,
                null,
                Instant.EPOCH));

        assertThat(tracker.inclusionOf(9)).isEmpty();
    }

    private void declare(Hash32 hash, long number, Hash32 parent) {
        heads.record(new ChainHeads.Head(hash, BlockNumber.of(number), parent, number));
        tracker.headsChanged();
    }

    private static Outcome outcome(long round, long number, Hash32 blockHash) {
        return new Outcome(
                round,
                BlockNumber.of(number),
                P,
                PayloadId.of(new byte[8]),
                AuctionFormat.SECOND_PRICE,
                WINNER,
                Wei.of(10),
                Wei.of(5),
                Wei.of(5),
                2,
                blockHash,
                Instant.EPOCH);
    }

    private static Hash32 hash(int seed) {
        return Hash32.fromHex("0x" + String.format("%02x", seed).repeat(32));
    }
}
