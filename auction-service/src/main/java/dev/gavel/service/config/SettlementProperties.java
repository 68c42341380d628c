package dev.gavel.service.config;

import dev.gavel.primitives.Wei;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Onchain settlement of won blocks. On when a chain is configured and {@code settler-key-file} names the key
 * of the hub's auctioneer. With {@code sequencer-key-file} the contract's block-hash source is
 * SignedBlockHashSource and Gavel signs the canonical hashes it saw with that key; without it the contracts
 * live on the auctioned chain and read the hashes themselves, within {@code block-hash-window} blocks. Its
 * transactions never offer more than {@code max-fee-per-gas} (wei), however long a halted chain keeps them waiting.
 */
@Validated
@ConfigurationProperties("gavel.settlement")
public record SettlementProperties(
        Path settlerKeyFile,
        Path sequencerKeyFile,
        @DefaultValue("256") long blockHashWindow,
        @DefaultValue("32") @Min(1) int targetBatchItems,
        @DefaultValue("64") @Min(1) @Max(256) int maxBatchItems,
        @DefaultValue("30s") Duration maxBatchAge,
        @DefaultValue("64") @Min(0) long windowMarginBlocks,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30s") Duration replaceAfter,
        @DefaultValue("25") @Min(10) int feeBumpPercent,
        @DefaultValue("1000000000000") Wei maxFeePerGas) {

    public SettlementProperties {
        if (!Wei.ZERO.isLessThan(maxFeePerGas)) {
            throw new IllegalArgumentException(
                    "gavel.settlement.max-fee-per-gas must be above 0 wei: the settler could never pay for a transaction");
        }
    }

    public boolean enabled() {
        return settlerKeyFile != null;
    }
}
