package dev.gavel.service.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** The builders' public API: bid bodies and websocket buffers. */
@Validated
@ConfigurationProperties("gavel.bids")
public record BidsProperties(
        @DefaultValue("8MB") DataSize maxBodySize,
        @DefaultValue("256") int subscriberBuffer) {}
