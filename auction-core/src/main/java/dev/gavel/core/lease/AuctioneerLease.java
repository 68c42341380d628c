package dev.gavel.core.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance is the active auctioneer: the one instance that opens and closes rounds, answers
 * rollup-boost and settles. It is while it holds the lease in the {@link LeaseStore}, which it renews at every
 * {@link #heartbeat}; a standby tries to take the lease at every heartbeat and takes it once the holder's grant
 * has expired.
 *
 * <p>The instance counts itself active only until {@code duration} after it last <em>asked</em> for its grant (by
 * this clock, which should be monotonic), never longer than the store lets the grant live: a holder that freezes
 * or loses the store stops answering as the auctioneer before a standby can take over, without asking anyone. Its
 * writes carry the grant's fencing token, which the store checks, so one deposed while a write was under way
 * cannot land it either. Once the lease has gone to another instance this one never takes it again: what it holds
 * in memory is stale, and a restart makes it a standby.
 */
public final class AuctioneerLease {
    private static final Logger log = LoggerFactory.getLogger(AuctioneerLease.class);

    /** Where an instance stands. */
    public enum Role {
        /** Waiting to take the lease. */
        STANDBY,
        /** Holding the lease (active while its grant is fresh). */
        ACTIVE,
        /** Lost the lease to another instance while holding it; never active again. */
        DEPOSED,
        /** Gave the lease up at shutdown. */
        RETIRED
    }

    private final String holder;
    private final LeaseStore store;
    private final Clock clock;
    private final Duration duration;
    private volatile Role role = Role.STANDBY;
    private volatile OptionalLong token = OptionalLong.empty();
    private volatile Instant validUntil = Instant.MIN;
    private boolean storeUnreachable;

    public AuctioneerLease(String holder, LeaseStore store, Clock clock, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a lease lasts a positive time: " + duration);
        }
        this.holder = holder;
        this.store = store;
        this.clock = clock;
        this.duration = duration;
    }

    /**
     * One beat: a standby tries to take the lease (and {@code succession} prepares it), the holder renews it (and
     * tells {@code succession} when it has lost it). Never throws for an unreachable store.
     */
    public synchronized void heartbeat(Succession succession) {
        try {
            switch (role) {
                case STANDBY -> tryToTakeOver(succession);
                case ACTIVE -> renew(succession);
                case DEPOSED, RETIRED -> {}
            }
            if (storeUnreachable) {
                storeUnreachable = false;
                log.info("the lease's store is reachable again");
            }
        } catch (LeaseStoreException e) {
            if (!storeUnreachable) {
                storeUnreachable = true;
                log.warn(
                        "the lease's store is unreachable ({}); {}",
                        e.getMessage(),
                        role == Role.ACTIVE
                                ? "this instance stops answering as the auctioneer when its grant runs out"
                                : "no takeover until it is back");
            }
        }
    }

    private void tryToTakeOver(Succession succession) {
        Instant asked = clock.instant();
        OptionalLong granted = store.acquire(holder, duration);
        if (granted.isEmpty()) {
            return;
        }
        token = granted; // the takeover's own writes are fenced with it
        try {
            succession.takeOver(granted.getAsLong());
        } catch (RuntimeException e) {
            log.error("taking over as the auctioneer failed; the lease is given up again", e);
            token = OptionalLong.empty();
            store.release(holder, granted.getAsLong());
            return;
        }
        validUntil = asked.plus(duration);
        role = Role.ACTIVE;
        log.info("{} is the active auctioneer (lease token {})", holder, granted.getAsLong());
    }

    private void renew(Succession succession) {
        Instant asked = clock.instant();
        if (store.renew(holder, token.orElseThrow(), duration)) {
            validUntil = asked.plus(duration);
            return;
        }
        log.error(
                "{} lost the auctioneer's lease (token {}) to another instance; it stops for good",
                holder,
                token.orElseThrow());
        role = Role.DEPOSED;
        token = OptionalLong.empty();
        succession.deposed();
    }

    /** Gives the lease up (at shutdown), so that a standby takes over at once instead of when it expires. */
    public synchronized void retire() {
        OptionalLong held = token;
        role = Role.RETIRED;
        token = OptionalLong.empty();
        if (held.isPresent()) {
            try {
                store.release(holder, held.getAsLong());
            } catch (LeaseStoreException e) {
                log.warn("could not give the lease up ({}); a standby takes over when it expires", e.getMessage());
            }
        }
    }

    /** Whether this instance may act as the auctioneer now: it holds the lease and its grant is fresh. No I/O. */
    public boolean active() {
        return role == Role.ACTIVE && clock.instant().isBefore(validUntil);
    }

    /** The fencing token of the grant this instance holds (also while it takes over); empty when it holds none. */
    public OptionalLong token() {
        return token;
    }

    public Role role() {
        return role;
    }

    public String holder() {
        return holder;
    }
}
