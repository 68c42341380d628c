package dev.gavel.settlement.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.db.settlement.PayableOutcome;
import dev.gavel.primitives.BlockNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** When a batch goes out: enough items, an old enough item, or an item about to leave the block-hash window. */
class BatchRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final BatchRules RULES = new BatchRules(4, 8, Duration.ofSeconds(30), 16);

    @Test
    void nothingPayableIsNeverDue() {
        assertThat(RULES.due(List.of(), NOW, OptionalLong.of(0))).isFalse();
    }

    @Test
    void aFullBatchIsDue() {
        assertThat(RULES.due(payable(3, Duration.ZERO), NOW, OptionalLong.empty()))
                .isFalse();
        assertThat(RULES.due(payable(4, Duration.ZERO), NOW, OptionalLong.empty()))
                .isTrue();
    }

    @Test
    void anOldItemMakesASmallBatchDue() {
        assertThat(RULES.due(payable(1, Duration.ofSeconds(29)), NOW, OptionalLong.empty()))
                .isFalse();
        assertThat(RULES.due(payable(1, Duration.ofSeconds(30)), NOW, OptionalLong.empty()))
                .isTrue();
    }

    @Test
    void anItemNearTheEndOfTheWindowMakesASmallBatchDue() {
        assertThat(RULES.due(payable(1, Duration.ZERO), NOW, OptionalLong.of(17)))
                .isFalse();
        assertThat(RULES.due(payable(1, Duration.ZERO), NOW, OptionalLong.of(16)))
                .isTrue();
    }

    @Test
    void impossibleRulesAreRefused() {
        assertThatThrownBy(() -> new BatchRules(0, 8, Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchRules(9, 8, Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchRules(1, 8, Duration.ofSeconds(-1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code count} outcomes, the oldest payable for {@code oldestAge}. */
    private static List<PayableOutcome> payable(int count, Duration oldestAge) {
        return IntStream.range(0, count)
                .mapToObj(i -> new PayableOutcome(
                        i,
                        BlockNumber.of(100 + i),
                        "first-price",
                        null,
                        null,
                        NOW,
                        i == count - 1 ? NOW.minus(oldestAge) : NOW))
                .toList();
    }
}
