package dev.gavel.service.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The public websockets (/v1/winners): how many subscribers each feed takes at once, in all and from one
 * source address (beyond either the upgrade is refused with 503 and the reason), and how many winners
 * {@code fromBlock} replays read the history at once (each holds a database connection while it reads a page).
 */
@Validated
@ConfigurationProperties("gavel.websockets")
public record WebsocketProperties(
        @DefaultValue("512") @Min(1) int maxSubscribers,
        @DefaultValue("8") @Min(1) int maxSubscribersPerAddress,
        @DefaultValue("2") @Min(1) int replayThreads) {
    public WebsocketProperties {
        if (maxSubscribersPerAddress > maxSubscribers) {
            throw new IllegalArgumentException(
                    "gavel.websockets.max-subscribers-per-address (" + maxSubscribersPerAddress
                            + ") must be at most gavel.websockets.max-subscribers (" + maxSubscribers + ")");
        }
    }
}
