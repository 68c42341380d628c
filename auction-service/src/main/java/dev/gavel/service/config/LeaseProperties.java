package dev.gavel.service.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The active auctioneer's lease, kept in PostgreSQL: how long a grant lives without renewal (a standby takes over
 * at most this long, plus one renew interval, after the active instance died or froze) and how often it is renewed
 * (and a standby tries to take it). A few renewals must fit in a grant, so one slow one costs nothing. Under
 * Kubernetes with two replicas, {@code labelPod} labels the pod with its role ({@code PodRoleLabel}), its name
 * from the {@code POD_NAME} environment variable.
 */
@Validated
@ConfigurationProperties("gavel.lease")
public record LeaseProperties(
        @DefaultValue("1s") Duration duration,
        @DefaultValue("200ms") Duration renewInterval,
        @DefaultValue("false") boolean labelPod) {

    public LeaseProperties {
        if (renewInterval.isNegative()
                || renewInterval.isZero()
                || renewInterval.multipliedBy(3).compareTo(duration) > 0) {
            throw new IllegalArgumentException("gavel.lease.renew-interval (" + renewInterval
                    + ") must be positive and at most a third of gavel.lease.duration (" + duration + ")");
        }
    }

    /** The pod to label: {@code POD_NAME}, which the chart sets from the pod's own name. */
    String podName() {
        String pod = System.getenv("POD_NAME");
        if (pod == null || pod.isBlank()) {
            throw new IllegalStateException("gavel.lease.label-pod is set, but POD_NAME is not: set it from the"
                    + " pod's metadata.name (the chart does)");
        }
        return pod;
    }

    /** This instance's name in the lease: its host (the pod's name under Kubernetes) and process id. */
    String holder() {
        return System.getenv().getOrDefault("HOSTNAME", "gavel") + "/"
                + ProcessHandle.current().pid();
    }
}
