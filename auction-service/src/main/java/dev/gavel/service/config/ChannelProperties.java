package dev.gavel.service.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The builder channel (/v1/builder): how long a builder has to answer the challenge, how often its admission
 * is asked again, what is kept for builders that reconnect (messages, and bytes: blocks are large), and how
 * far one builder may fall behind before it is cut off; and how many bundles a second one signer may send to
 * POST /v1/bundles (bursts of twice as many); and the execution client whose pending pool joins the orderflow
 * (a websocket URL; none by default).
 */
@Validated
@ConfigurationProperties("gavel.channel")
public record ChannelProperties(
        @DefaultValue("5s") Duration loginTimeout,
        @DefaultValue("2s") Duration recheckInterval,
        @DefaultValue("4096") @Min(1) int resumeWindow,
        @DefaultValue("64MB") DataSize resumeWindowSize,
        @DefaultValue("4096") @Min(1) int subscriberBuffer,
        @DefaultValue("5") @Positive double bundleRatePerSender,
        URI pendingPoolUrl) {

    public ChannelProperties {
        if (!loginTimeout.isPositive() || !recheckInterval.isPositive()) {
            throw new IllegalArgumentException("gavel.channel.login-timeout (" + loginTimeout
                    + ") and gavel.channel.recheck-interval (" + recheckInterval + ") must be positive");
        }
        if (pendingPoolUrl != null && !List.of("ws", "wss").contains(pendingPoolUrl.getScheme())) {
            throw new IllegalArgumentException(
                    "gavel.channel.pending-pool-url (" + pendingPoolUrl + ") must be a ws:// or wss:// URL");
        }
        if (resumeWindowSize.toBytes() <= 0) {
            throw new IllegalArgumentException(
                    "gavel.channel.resume-window-size (" + resumeWindowSize + ") must be positive");
        }
    }
}
