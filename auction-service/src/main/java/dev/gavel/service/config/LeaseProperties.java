package dev.gavel.service.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The active auctioneer's lease, kept in PostgreSQL: how long a grant lives without renewal (a standby takes over
 * at most this long, plus one renew interval, after the active instance died or froze) and how often it is renewed
 * (and a standby tries to take it). A few renewals must fit in a grant, so one slow one costs nothing.
 */
@Validated
@ConfigurationProperties("gavel.lease")
public record LeaseProperties(
        @DefaultValue("1s") Duration duration,
        @DefaultValue("200ms") Duration renewInterval) {

    public LeaseProperties {
        if (renewInterval.isNegative()
                || renewInterval.isZero()
                || renewInterval.multipliedBy(3).compareTo(duration) > 0) {
            throw new IllegalArgumentException("gavel.lease.renew-interval (" + renewInterval
                    + ") must be positive and at most a third of gavel.lease.duration (" + duration + ")");
        }
    }

    /** This instance's name in the lease: its host (the pod's name under Kubernetes) and process id. */
    String holder() {
        return System.getenv().getOrDefault("HOSTNAME", "gavel") + "/"
                + ProcessHandle.current().pid();
    }
}
