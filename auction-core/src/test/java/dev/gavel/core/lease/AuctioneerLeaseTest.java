package dev.gavel.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.core.testing.InMemoryLeaseStore;
import dev.gavel.fixtures.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AuctioneerLeaseTest {
    private static final Duration LEASE = Duration.ofMillis(1_000);
    private static final Duration BEAT = Duration.ofMillis(200);

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final InMemoryLeaseStore store = new InMemoryLeaseStore(clock);

    @Test
    void theFirstInstanceTakesTheLeaseAndTheOtherWaits() {
        RecordingSuccession firstSide = new RecordingSuccession();
        Instance first = lease("a", firstSide);
        Instance second = lease("b", new RecordingSuccession());

        first.heartbeat();
        second.heartbeat();

        assertThat(first.active()).isTrue();
        assertThat(first.token()).hasValue(1);
        assertThat(firstSide.tookOver).containsExactly(1L);
        assertThat(second.active()).isFalse();
        assertThat(second.role()).isEqualTo(AuctioneerLease.Role.STANDBY);
        assertThat(second.token()).isEmpty();
    }

    @Test
    void aHolderThatKeepsRenewingKeepsTheLease() {
        Instance first = lease("a", new RecordingSuccession());
        Instance second = lease("b", new RecordingSuccession());
        first.heartbeat();
        for (int beat = 0; beat < 50; beat++) {
            clock.advance(BEAT);
            first.heartbeat();
            second.heartbeat();
            assertThat(first.active()).isTrue();
            assertThat(second.active()).isFalse();
        }
    }

    @Test
    void aFrozenHolderStopsCountingItselfActiveBeforeTheStandbyTakesOverAndIsDeposedWhenItWakes() {
        RecordingSuccession firstSide = new RecordingSuccession();
        RecordingSuccession secondSide = new RecordingSuccession();
        Instance first = lease("a", firstSide);
        Instance second = lease("b", secondSide);
        first.heartbeat();

        // the holder freezes: no more heartbeats
        clock.advance(LEASE.minusMillis(1));
        second.heartbeat();
        assertThat(first.active()).isTrue();
        assertThat(second.active()).isFalse();

        clock.advance(Duration.ofMillis(1));
        assertThat(first.active()).as("its grant ran out, by its own clock").isFalse();
        second.heartbeat();
        assertThat(second.active()).isTrue();
        assertThat(secondSide.tookOver).containsExactly(2L);

        first.heartbeat(); // it wakes up
        assertThat(first.role()).isEqualTo(AuctioneerLease.Role.DEPOSED);
        assertThat(first.token()).isEmpty();
        assertThat(firstSide.deposed).isTrue();

        clock.advance(LEASE.multipliedBy(5));
        first.heartbeat();
        assertThat(first.role())
                .as("a deposed instance never takes the lease again")
                .isEqualTo(AuctioneerLease.Role.DEPOSED);
    }

    @Test
    void aHolderCutOffFromTheStoreLapsesAndResumesWhenNobodyTookOver() {
        Instance first = lease("a", new RecordingSuccession());
        first.heartbeat();
        store.unreachable(true);
        for (int beat = 0; beat < 6; beat++) {
            clock.advance(BEAT);
            first.heartbeat();
        }
        assertThat(first.active()).isFalse();
        assertThat(first.role()).isEqualTo(AuctioneerLease.Role.ACTIVE);
        assertThat(first.token())
                .as("its writes stay fenced by the store itself")
                .hasValue(1);

        store.unreachable(false);
        first.heartbeat();
        assertThat(first.active()).isTrue();
        assertThat(first.token()).hasValue(1);
    }

    @Test
    void aTakeoverThatFailsGivesTheLeaseUpAgain() {
        RecordingSuccession failing = new RecordingSuccession();
        failing.failTakeovers = true;
        Instance first = lease("a", failing);
        Instance second = lease("b", new RecordingSuccession());

        first.heartbeat();
        assertThat(first.active()).isFalse();
        assertThat(first.token()).isEmpty();

        second.heartbeat();
        assertThat(second.active())
                .as("nobody waits for the failed grant to expire")
                .isTrue();
    }

    @Test
    void aRetiringHolderHandsTheLeaseOverAtOnce() {
        Instance first = lease("a", new RecordingSuccession());
        Instance second = lease("b", new RecordingSuccession());
        first.heartbeat();

        first.retire();
        clock.advance(Duration.ofMillis(1));
        second.heartbeat();

        assertThat(first.active()).isFalse();
        assertThat(second.active()).isTrue();
        assertThat(second.token()).hasValue(2);
    }

    @Test
    void everyGrantHasALargerToken() {
        List<Long> tokens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instance instance = lease("i" + i, new RecordingSuccession());
            clock.advance(LEASE);
            instance.heartbeat();
            tokens.add(instance.token().orElseThrow());
        }
        assertThat(tokens).isSorted().doesNotHaveDuplicates();
    }

    private Instance lease(String holder, Succession succession) {
        return new Instance(new AuctioneerLease(holder, store, clock, LEASE), succession);
    }

    /** A lease and what its instance does on a takeover or a deposition. */
    record Instance(AuctioneerLease lease, Succession succession) {
        void heartbeat() {
            lease.heartbeat(succession);
        }

        boolean active() {
            return lease.active();
        }

        OptionalLong token() {
            return lease.token();
        }

        AuctioneerLease.Role role() {
            return lease.role();
        }

        void retire() {
            lease.retire();
        }
    }

    static final class RecordingSuccession implements Succession {
        final List<Long> tookOver = new ArrayList<>();
        boolean deposed;
        boolean failTakeovers;

        @Override
        public void takeOver(long token) {
            if (failTakeovers) {
                throw new IllegalStateException("PostgreSQL went away mid-takeover");
            }
            tookOver.add(token);
        }

        @Override
        public void deposed() {
            deposed = true;
        }
    }
}
