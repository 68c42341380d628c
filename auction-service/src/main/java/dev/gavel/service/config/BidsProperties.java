package dev.gavel.service.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The builders' public API: bid bodies, how many bids may wait for intake at once (beyond it a bid is refused
 * at once, so an overload sheds load instead of serving every bid after its round closed), websocket buffers.
 */
@Validated
@ConfigurationProperties("gavel.bids")
public record BidsProperties(
        @DefaultValue("8MB") DataSize maxBodySize,
        @DefaultValue("32") @Min(1) int maxPending,
        @DefaultValue("256") int subscriberBuffer) {}
