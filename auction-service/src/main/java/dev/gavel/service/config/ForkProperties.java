package dev.gavel.service.config;

import dev.gavel.bidding.block.ChainSpec;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The auctioned chain's upgrades (activation timestamps, seconds since the epoch) and its default EIP-1559
 * parameters: what a block must look like to win, its base fee, and which Engine API versions serve it. The
 * defaults are a chain with every upgrade up to Jovian active from genesis, Karst not scheduled (unset), and
 * OP's Canyon parameters.
 */
@Validated
@ConfigurationProperties("gavel.forks")
public record ForkProperties(
        @DefaultValue("0") @Min(0) long holoceneTime,
        @DefaultValue("0") @Min(0) long isthmusTime,
        @DefaultValue("0") @Min(0) long jovianTime,
        @Min(0) Long karstTime,
        @DefaultValue("250") @Min(1) int eip1559Denominator,
        @DefaultValue("6") @Min(1) int eip1559Elasticity) {

    ChainSpec chainSpec() {
        try {
            return new ChainSpec(
                    holoceneTime,
                    isthmusTime,
                    jovianTime,
                    karstTime == null ? ChainSpec.NOT_SCHEDULED : karstTime,
                    eip1559Denominator,
                    eip1559Elasticity);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gavel.forks: " + e.getMessage(), e);
        }
    }
}
