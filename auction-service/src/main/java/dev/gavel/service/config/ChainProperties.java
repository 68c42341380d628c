package dev.gavel.service.config;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
        Address hubAddress,
        Address settlementAddress,
        @DefaultValue("6") @Min(0) long confirmations,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("0") @NotNull BlockNumber fromBlock) {

    public ChainProperties {
        if (rpcUrl != null && !rpcUrl.isBlank() && (hubAddress == null || settlementAddress == null)) {
            throw new IllegalArgumentException(
                    "gavel.chain.rpc-url needs gavel.chain.hub-address and gavel.chain.settlement-address");
        }
    }

    public boolean configured() {
        return rpcUrl != null && !rpcUrl.isBlank();
    }
}
