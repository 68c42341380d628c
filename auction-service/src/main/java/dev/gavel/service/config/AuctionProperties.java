package dev.gavel.service.config;

import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Wei;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The auction: the chain and settlement contract bids are signed for, the HPKE key bids are sealed to,
 * the static builder allowlist and the static policy (the BuilderHub replaces the last two).
 */
@Validated
@ConfigurationProperties("gavel.auction")
public record AuctionProperties(
        @DefaultValue("901") @Positive long chainId,

        @DefaultValue("0x0000000000000000000000000000000000000000") @NotNull
        Address settlementContract,

        Path keyFile,
        @DefaultValue("1") @PositiveOrZero int keyId,
        @DefaultValue List<Address> builders,
        @DefaultValue("2s") Duration expiryGrace,
        @Valid @DefaultValue Policy policy) {

    /** The EIP-712 domain bids, headers and queries are signed in. */
    public Eip712Domain domain() {
        return Eip712Domain.gavel(chainId, settlementContract);
    }

    /** The auction policy in force for every block. */
    public record Policy(
            @DefaultValue("second-price") @NotNull AuctionFormat format,
            @DefaultValue("0") @NotNull Wei reservePrice,
            @DefaultValue("100ms") Duration bidCutoff,
            @DefaultValue("4") @Min(1) int maxBidsPerBuilder,
            @DefaultValue("0") @NotNull Wei minBuilderBalance,

            @DefaultValue("0x0000000000000000000000000000000000000000") @NotNull
            Address beneficiary) {
        public Policy {
            if (format != null && !format.exPost()) {
                throw new IllegalArgumentException("gavel.auction.policy.format " + format
                        + " is not served yet (first-price or second-price): every block would be built locally");
            }
        }
    }
}
