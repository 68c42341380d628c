package dev.gavel.service.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Strikes against winners whose blocks did not become canonical: {@code limit} of them among the last
 * {@code windowBlocks} auctioned blocks suspend the builder (its bids are refused {@code SUSPENDED}) until the
 * oldest of them leaves the window. Counted in auctioned-chain blocks, as the rounds are.
 */
@Validated
@ConfigurationProperties("gavel.strikes")
public record StrikesProperties(
        @DefaultValue("3") @Min(1) int limit,
        @DefaultValue("100") @Min(1) long windowBlocks) {
    public StrikesProperties {
        if (limit > windowBlocks) {
            throw new IllegalArgumentException(
                    "gavel.strikes.limit (" + limit + ") exceeds gavel.strikes.window-blocks (" + windowBlocks
                            + "): no builder could ever be suspended");
        }
    }
}
