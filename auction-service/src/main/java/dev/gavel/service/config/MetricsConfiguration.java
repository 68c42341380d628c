package dev.gavel.service.config;

import dev.gavel.service.ops.BuildInfo;
import dev.gavel.settlement.mirror.ChainMirror;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Meters that belong to no single part: what build this is, and how far the chain mirror trails the chain. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    MeterBinder buildInfo() {
        return BuildInfo.read()::register;
    }

    /** NaN without a chain, or before the mirror's first view. */
    @Bean
    MeterBinder mirrorLag(ChainMirroring chain) {
        return registry -> Gauge.builder(
                        "gavel.mirror.lag.blocks",
                        chain,
                        c -> c.mirror()
                                .map(ChainMirror::lagBlocks)
                                .filter(lag -> lag.isPresent())
                                .map(lag -> (double) lag.getAsLong())
                                .orElse(Double.NaN))
                .description("blocks the chain mirror's view of the hub lies behind the settlement chain's head")
                .register(registry);
    }
}
