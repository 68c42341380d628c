package dev.gavel.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import org.junit.jupiter.api.Test;

class StrikeBookTest {
    private static final Address MALLORY = Address.fromHex("0x" + "66".repeat(20));
    private static final Address HONEST = Address.fromHex("0x" + "11".repeat(20));
    private final StrikeBook book = new StrikeBook(2, 10);

    @Test
    void limitStrikesWithinTheWindowSuspendUntilTheOldestCountedLeavesIt() {
        book.record(AuctionFixtures.strike(1, MALLORY, 100));
        assertThat(book.refusal(MALLORY, BlockNumber.of(101)))
                .as("one strike of two")
                .isEmpty();

        book.record(AuctionFixtures.strike(2, MALLORY, 104));

        assertThat(book.refusal(MALLORY, BlockNumber.of(105))).hasValueSatisfying(r -> {
            assertThat(r.code()).isEqualTo(RejectionCode.SUSPENDED);
            assertThat(r.message()).contains("until block 110", "100, 104");
        });
        assertThat(book.refusal(MALLORY, BlockNumber.of(109))).isPresent();
        assertThat(book.refusal(MALLORY, BlockNumber.of(110)))
                .as("block 100 left the window")
                .isEmpty();
        assertThat(book.refusal(HONEST, BlockNumber.of(105))).isEmpty();
    }

    @Test
    void aRoundIsStruckOnceAndAStrikeOutsideEveryWindowIsNotKept() {
        assertThat(book.record(AuctionFixtures.strike(1, MALLORY, 100))).isTrue();
        assertThat(book.record(AuctionFixtures.strike(1, MALLORY, 100)))
                .as("the same round again")
                .isFalse();
        assertThat(book.record(AuctionFixtures.strike(3, HONEST, 200))).isTrue();

        assertThat(book.record(AuctionFixtures.strike(2, MALLORY, 150)))
                .as("a strike older than the window behind the highest block seen")
                .isFalse();
        assertThat(book.record(AuctionFixtures.strike(4, MALLORY, 195))).isTrue();
        assertThat(book.refusal(MALLORY, BlockNumber.of(196)))
                .as("the strike at block 100 was forgotten")
                .isEmpty();
    }

    @Test
    void aBookThatCouldNeverSuspendIsRefused() {
        assertThatThrownBy(() -> new StrikeBook(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StrikeBook(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
