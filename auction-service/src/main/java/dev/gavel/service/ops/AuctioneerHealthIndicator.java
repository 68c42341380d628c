package dev.gavel.service.ops;

import dev.gavel.core.lease.AuctioneerLease;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP only on the active auctioneer, the holder of the lease with a fresh grant; OUT_OF_SERVICE on a standby and on
 * a deposed instance. In the readiness group: the Engine API's Service sends rollup-boost to the active one only.
 */
public final class AuctioneerHealthIndicator implements HealthIndicator {
    private final AuctioneerLease lease;

    public AuctioneerHealthIndicator(AuctioneerLease lease) {
        this.lease = lease;
    }

    @Override
    public Health health() {
        Health.Builder health = lease.active() ? Health.up() : Health.outOfService();
        health.withDetail("role", lease.role().name().toLowerCase(Locale.ROOT)).withDetail("instance", lease.holder());
        lease.token().ifPresent(token -> health.withDetail("leaseToken", token));
        return health.build();
    }
}
