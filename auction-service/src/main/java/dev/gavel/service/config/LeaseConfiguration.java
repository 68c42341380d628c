package dev.gavel.service.config;

import dev.gavel.core.lease.AuctioneerLease;
import dev.gavel.db.lease.Fence;
import dev.gavel.db.lease.LeaseRepository;
import dev.gavel.service.config.StorageConfiguration.MigratedDatabase;
import dev.gavel.service.lease.JdbcLeaseStore;
import dev.gavel.service.lease.MonotonicClock;
import dev.gavel.service.ops.AuctioneerHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The active auctioneer's lease and the fence of every write that matters. The lease is given up when the service
 * stops, after the history writer has committed what it holds (it depends on the fence, so it stops first).
 */
@Configuration(proxyBeanMethods = false)
class LeaseConfiguration {

    @Bean(destroyMethod = "retire")
    AuctioneerLease auctioneerLease(MigratedDatabase migrated, LeaseProperties lease, MeterRegistry registry) {
        AuctioneerLease auctioneer = new AuctioneerLease(
                lease.holder(),
                new JdbcLeaseStore(new LeaseRepository(migrated.dataSource())),
                new MonotonicClock(),
                lease.duration());
        registry.gauge("gavel.auctioneer.active", auctioneer, a -> a.active() ? 1 : 0);
        return auctioneer;
    }

    /** Writes of the history and of the settler pass it first: an instance without the live grant writes nothing. */
    @Bean
    Fence auctioneerFence(AuctioneerLease lease) {
        return LeaseRepository.fence(lease::token);
    }

    @Bean("lease")
    AuctioneerHealthIndicator auctioneerHealth(AuctioneerLease lease) {
        return new AuctioneerHealthIndicator(lease);
    }
}
