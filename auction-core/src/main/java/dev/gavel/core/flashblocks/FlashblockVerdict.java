package dev.gavel.core.flashblocks;

import dev.gavel.bidding.flashblocks.SignedFlashblock;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;

/** What became of one flashblock offered to a round's stream. */
public sealed interface FlashblockVerdict {
    /** Passed every check: relay it. {@code block} is the block so far, as rollup-boost assembles it. */
    record Relay(SignedFlashblock flashblock, ExecutionPayloadEnvelope block) implements FlashblockVerdict {}

    /** Failed {@code fault}: never relayed, and the stream is as it was. */
    record Refuse(FlashblockFault fault, String reason) implements FlashblockVerdict {}
}
