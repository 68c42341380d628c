package dev.gavel.bidding.seal;

import dev.gavel.primitives.PayloadId;

/**
 * Which auction a sealed bid is for, as its header names it (tagged, so one header serves every format): the
 * payload id of an ex-post round (the id Gavel answered the forkchoice update with, which build jobs carry),
 * or the slot of an ex-ante auction, which is its block number and parent (no payload id exists yet).
 */
public sealed interface RoundReference {
    byte tag();

    /** An ex-post round, by the payload id of its forkchoice update. */
    record ByPayloadId(PayloadId payloadId) implements RoundReference {
        public static final byte TAG = 1;

        @Override
        public byte tag() {
            return TAG;
        }
    }

    /** The slot of an ex-ante auction: the header's block number and parent name it. Reserved. */
    record Slot() implements RoundReference {
        public static final byte TAG = 2;

        @Override
        public byte tag() {
            return TAG;
        }
    }
}
