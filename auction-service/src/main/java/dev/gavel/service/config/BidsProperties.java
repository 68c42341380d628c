package dev.gavel.service.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The builders' public API: bid bodies (JSON, and binary frames, which alone may carry blocks up to 10 MiB); how many bids may wait for intake at once, in all and per builder
 * (beyond them a bid is refused at once, so an overload sheds load instead of serving every bid after its
 * round closed); each builder's rate, and the junk (bids refused before authentication) one source address
 * may make intake judge; how long the header and the body may take to arrive; connections per
 * source address and how long one may wait idle between requests; websocket buffers.
 */
@Validated
@ConfigurationProperties("gavel.bids")
public record BidsProperties(
        @DefaultValue("8MB") DataSize maxBodySize,
        @DefaultValue("11MB") DataSize maxBinaryBodySize,
        @DefaultValue("32") @Min(1) int maxPending,
        @DefaultValue("8") @Min(1) int maxPendingPerBuilder,
        @DefaultValue("50") @Positive double ratePerBuilder,
        @DefaultValue("20") @Min(1) int burstPerBuilder,
        @DefaultValue("1s") Duration headerTimeout,
        @DefaultValue("5s") Duration bodyTimeout,
        @DefaultValue("20") @Positive double junkPerAddress,
        @DefaultValue("64") @Min(1) int maxConnectionsPerAddress,
        @DefaultValue("60s") Duration idleTimeout,
        @DefaultValue("256") int subscriberBuffer) {

    public BidsProperties {
        if (maxPendingPerBuilder > maxPending) {
            throw new IllegalArgumentException("gavel.bids.max-pending-per-builder (" + maxPendingPerBuilder
                    + ") exceeds gavel.bids.max-pending (" + maxPending + ")");
        }
        if (headerTimeout.isNegative() || headerTimeout.isZero() || bodyTimeout.compareTo(headerTimeout) < 0) {
            throw new IllegalArgumentException("gavel.bids.header-timeout (" + headerTimeout
                    + ") must be positive and at most gavel.bids.body-timeout (" + bodyTimeout + ")");
        }
    }
}
