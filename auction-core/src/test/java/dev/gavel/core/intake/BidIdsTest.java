package dev.gavel.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BidIdsTest {
    @Test
    void idsAreVersionSevenAndCarryTheirArrivalMillisecond() {
        Instant arrival = Instant.parse("2026-11-29T20:15:00.123456Z");
        UUID id = BidIds.arrivedAt(arrival);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(arrival.toEpochMilli());
        assertThat(id.toString())
                .startsWith(String.format("%08x-%04x", arrival.toEpochMilli() >>> 16, arrival.toEpochMilli() & 0xffff));
    }

    @Test
    void laterArrivalsSortAfterEarlierOnesAndIdsOfOneMillisecondDiffer() {
        Instant start = Instant.parse("2026-11-29T00:00:00Z");
        List<UUID> ids = new ArrayList<>();
        for (int ms = 0; ms < 1_000; ms += 7) {
            ids.add(BidIds.arrivedAt(start.plusMillis(ms)));
        }
        assertThat(ids).isSorted();
        assertThat(BidIds.arrivedAt(start)).isNotEqualTo(BidIds.arrivedAt(start));
    }
}
