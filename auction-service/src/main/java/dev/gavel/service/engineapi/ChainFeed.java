package dev.gavel.service.engineapi;

import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import tools.jackson.databind.JsonNode;

/** What the sequencer tells Gavel about its chain and its orderflow, passed on as it arrives. */
public interface ChainFeed {
    /** A transaction rollup-boost forwarded ({@code method} is the JSON-RPC method it came with). */
    void transactionReceived(Hash32 hash, Bytes raw, String method, JsonNode conditions);

    /** A block the sequencer declared with {@code engine_newPayload}, as it sent it. */
    void blockDeclared(JsonNode payload);

    /** The sequencer's forkchoice state, as it sent it. */
    void forkchoiceChosen(JsonNode state);
}
