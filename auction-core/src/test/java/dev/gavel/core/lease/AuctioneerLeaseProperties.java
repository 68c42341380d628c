package dev.gavel.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.core.testing.InMemoryLeaseStore;
import dev.gavel.fixtures.SteppingClock;
import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Three instances over one lease, each beating, freezing and waking at random, the store now and then cut off. */
class AuctioneerLeaseProperties {
    private static final Duration LEASE = Duration.ofMillis(1_000);

    /** One thing that happens: time passes, an instance beats, an instance freezes or wakes, the store is cut off or back. */
    record Step(int kind, int instance, long millis) {}

    private static final Gen<Step> STEP = Gen.combine(
            Gen.combine(Gen.ints(0, 4), Gen.ints(0, 2), List::of),
            Gen.longs(0, 700),
            (kindAndInstance, ms) -> new Step(kindAndInstance.get(0), kindAndInstance.get(1), ms));

    @Test
    void neverTwoInstancesActiveAtOnceAndEveryWriterHoldsTheLiveToken() {
        Property.forAll(300, STEP.list(1, 200), AuctioneerLeaseProperties::atMostOneActive);
    }

    private static void atMostOneActive(List<Step> steps) {
        SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T12:00:00Z"));
        InMemoryLeaseStore store = new InMemoryLeaseStore(clock);
        List<AuctioneerLease> instances = new ArrayList<>();
        boolean[] frozen = new boolean[3];
        for (int i = 0; i < 3; i++) {
            instances.add(new AuctioneerLease("i" + i, store, clock, LEASE));
        }
        boolean cutOff = false;
        for (Step step : steps) {
            switch (step.kind()) {
                case 0 -> clock.advance(Duration.ofMillis(step.millis()));
                case 1, 2 -> {
                    if (!frozen[step.instance()]) {
                        instances.get(step.instance()).heartbeat(new AuctioneerLeaseTest.RecordingSuccession());
                    }
                }
                case 3 -> frozen[step.instance()] = !frozen[step.instance()];
                default -> {
                    cutOff = !cutOff;
                    store.unreachable(cutOff);
                }
            }
            List<AuctioneerLease> active =
                    instances.stream().filter(AuctioneerLease::active).toList();
            assertThat(active).hasSizeLessThanOrEqualTo(1);
            active.forEach(instance -> assertThat(instance.token()).hasValue(store.currentToken()));
        }
    }
}
