package dev.gavel.bidding.flashblocks;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gavel.primitives.PayloadId;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One flashblock as rollup-boost reads it from its builder's websocket ({@code FlashblocksPayloadV1}, a JSON text
 * frame): the block being built (the payload id rollup-boost's forkchoice update got), its position in the
 * block's stream, the base on index 0 only, the diff, and metadata that rollup-boost passes on unread (receipts
 * and balances RPC providers serve as preconfirmations).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Flashblock(
        PayloadId payloadId,
        long index,
        @JsonInclude(JsonInclude.Include.NON_NULL) FlashblockBase base,
        FlashblockDiff diff,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode metadata) {
    public Flashblock {
        Objects.requireNonNull(payloadId, "payload_id");
        Objects.requireNonNull(diff, "diff");
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, was " + index);
        }
    }
}
