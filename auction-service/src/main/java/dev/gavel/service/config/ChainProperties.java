package dev.gavel.service.config;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The chain holding BuilderHub and AuctionSettlement. With an RPC URL, builders and policies come from the
 * hub (mirrored at the head less {@code confirmations}) instead of the static configuration.
 */
@Validated
@ConfigurationProperties("gavel.chain")
public record ChainProperties(
        String rpcUrl,
        String hubAddress,
        String settlementAddress,
        @DefaultValue("6") @Min(0) long confirmations,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("0") @Min(0) long fromBlock) {

    public boolean configured() {
        return rpcUrl != null && !rpcUrl.isBlank();
    }
}
