package dev.gavel.service.ops;

import dev.gavel.attestation.source.SourceHealth;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether Gavel can admit attested builders: UP while the collateral of every builder's platform is usable
 * (with a {@code stale} detail while the source is down within its grace period), OUT_OF_SERVICE once some
 * platform has none (its builders are refused until the source answers again). Details per collateral document.
 */
public final class AttestationHealthIndicator implements HealthIndicator {
    private final Supplier<SourceHealth> source;

    public AttestationHealthIndicator(Supplier<SourceHealth> source) {
        this.source = source;
    }

    @Override
    public Health health() {
        SourceHealth health = source.get();
        Health.Builder builder = health.state() == SourceHealth.State.STOPPED ? Health.outOfService() : Health.up();
        return builder.withDetail("collateral", health.state().name().toLowerCase(java.util.Locale.ROOT))
                .withDetail("summary", health.summary())
                .withDetails(health.details())
                .build();
    }
}
